import { NoAnswer, NoFreeDriver, Refused } from '@cabs/client';

/** A call to the broker or a service that did not give what was asked; `statusCode` is what the page gets. */
export class UpstreamError extends Error {
  override name = 'UpstreamError';

  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A failure of a call through @cabs/client as the page gets it: a 4xx keeps its status and message (the page shows
 * them as they are); no answer at all, or a 5xx, becomes 502 saying who failed.
 */
export function asUpstreamError(err: unknown): unknown {
  if (err instanceof NoFreeDriver) return new UpstreamError(409, err.message);
  if (err instanceof Refused) return new UpstreamError(err.status >= 500 ? 502 : err.status, err.message);
  if (err instanceof NoAnswer) return new UpstreamError(502, err.message);
  return err;
}

/** The answer of a call to the broker or a service, or its failure as `asUpstreamError` says. */
export function fromUpstream<T>(call: Promise<T>): Promise<T> {
  return call.catch((err: unknown) => {
    throw asUpstreamError(err);
  });
}

/** How long the console waits for the broker or a service: the page asks again soon anyway. */
export const UPSTREAM_TIMEOUT_MS = 5000;
