/**
 * A rule of the drivers domain said no. Never retryable: the same request against
 * the same state gets the same answer. The HTTP layer maps `invalid` codes to 422
 * and `conflict` codes to 409.
 */
export type DomainErrorCode =
  | 'invalid-licence'
  | 'invalid-fee-terms'
  | 'invalid-driver'
  /** The licence was fine once, but not at the moment of the action. */
  | 'licence-expired';

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
  }

  get kind(): 'conflict' | 'invalid' {
    return this.code === 'licence-expired' ? 'conflict' : 'invalid';
  }
}
