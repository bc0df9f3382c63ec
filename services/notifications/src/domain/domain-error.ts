/** A rule of the notifications domain said no; never retryable. The HTTP layer answers 422. */
export type DomainErrorCode = 'invalid-recipient';

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
  }
}
