/**
 * A rule of the drivers domain said no. Never retryable: the same request against
 * the same state gets the same answer. The HTTP layer maps `invalid` codes to 422,
 * `conflict` codes to 409 and `not-found` to 404.
 */
export type DomainErrorCode =
  | 'invalid-licence'
  | 'invalid-fee-terms'
  | 'invalid-driver'
  /** The licence was fine once, but not at the moment of the action. */
  | 'licence-expired'
  /** No driver has the id an action names: drivers is the source of truth, so it never will. */
  | 'unknown-driver';

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
  }

  get kind(): 'conflict' | 'invalid' | 'not-found' {
    if (this.code === 'unknown-driver') return 'not-found';
    return this.code === 'licence-expired' ? 'conflict' : 'invalid';
  }
}
