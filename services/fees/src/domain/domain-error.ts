/**
 * A rule of the fees domain said no; never retryable. REST answers a month that is not YYYY-MM as a malformed query
 * (400) and a price fees cannot settle as a broken rule (422).
 */
export type DomainErrorCode = 'invalid-price' | 'invalid-month';

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
  }

  /** How the REST layer words this "no" (the status table of @cabs/platform). */
  get kind(): 'malformed' | 'rule' {
    return this.code === 'invalid-month' ? 'malformed' : 'rule';
  }
}
