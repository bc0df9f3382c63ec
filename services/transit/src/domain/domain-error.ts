/**
 * A rule of the transit domain said no. Never retryable: the same command
 * against the same state gets the same answer, so the mesh must not redeliver it.
 * The HTTP layer maps `conflict` codes to 409 and `invalid` codes to 422.
 */
export type DomainErrorCode =
  /** The action does not fit the transit's current status. */
  | 'transition-not-allowed'
  /** A second completion names a different destination than the first one did. */
  | 'completed-with-other-destination'
  /** The request itself breaks a rule, whatever the state. */
  | 'invalid-request';

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
  }

  get kind(): 'conflict' | 'invalid' {
    return this.code === 'invalid-request' ? 'invalid' : 'conflict';
  }
}
