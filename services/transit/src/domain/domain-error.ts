/**
 * A rule of the transit domain said no. Never retryable: the same command
 * against the same state gets the same answer, so the mesh must not redeliver it
 * (every DomainError is a 422 to the mesh). REST answers by `kind`, as every
 * service does: a conflict with the transit's state is 409, a request that
 * breaks a rule 422, and a transit that does not exist 404.
 */
export type DomainErrorCode =
  /** The action does not fit the transit's current status. */
  | 'transition-not-allowed'
  /** A second completion names a different destination than the first one did. */
  | 'completed-with-other-destination'
  /** The request itself breaks a rule, whatever the state. */
  | 'invalid-request'
  /** No transit has this id. Transits are created only by this service, so it will never appear. */
  | 'not-found';

/** How the REST layer words this "no" (the status table of @cabs/platform). */
export type DomainErrorKind = 'conflict' | 'rule' | 'not-found';

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
  }

  get kind(): DomainErrorKind {
    if (this.code === 'invalid-request') return 'rule';
    if (this.code === 'not-found') return 'not-found';
    return 'conflict';
  }
}

/** The one way to say a transit is unknown, so REST and the mesh word it alike. */
export function transitNotFound(id: string): DomainError {
  return new DomainError('not-found', `Transit ${id} does not exist.`);
}
