/**
 * How a handler tells the mesh what to answer, following Knative's data plane: the broker retries 409 and 5xx
 * with backoff, and sends other 4xx straight to the dead-letter sink.
 */

/** "Not yet": the command is fine but this service cannot take it now (e.g. its projection has not caught up). → 409 */
export class RetryLater extends Error {
  override readonly name = 'RetryLater';
}

/** "Never": the command cannot be carried out however often it is retried (e.g. completing a cancelled ride). → 422 */
export class Rejected extends Error {
  override readonly name = 'Rejected';
  constructor(
    message: string,
    readonly code = 'rejected',
  ) {
    super(message);
  }
}
