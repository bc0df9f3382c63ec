/**
 * A rule of the drivers domain said no. Never retryable: the same request against
 * the same state gets the same answer. REST answers by `kind`, as every service
 * does: a broken rule is 422, a conflict with the driver's state 409, an unknown
 * driver 404.
 */
export type DomainErrorCode =
  | 'invalid-licence'
  | 'invalid-fee-terms'
  | 'invalid-driver'
  /** The licence was fine once, but not at the moment of the action. */
  | 'licence-expired'
  /** Another driver was registered with this legacy id: the legacy app knows each driver by one. */
  | 'legacy-id-taken'
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

  /** How the REST layer words this "no" (the status table of @cabs/platform). */
  get kind(): 'conflict' | 'rule' | 'not-found' {
    if (this.code === 'unknown-driver') return 'not-found';
    return this.code === 'licence-expired' || this.code === 'legacy-id-taken' ? 'conflict' : 'rule';
  }
}
