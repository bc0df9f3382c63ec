/** A rule of the notifications domain said no; never retryable. */
export type DomainErrorCode = 'invalid-recipient';

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
  }

  /** How the REST layer words this "no" (the status table of @cabs/platform): a recipient is part of a query. */
  get kind(): 'malformed' {
    return 'malformed';
  }
}
