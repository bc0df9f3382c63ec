/** `connection refused at http://127.0.0.1:8081/stream` rather than `fetch failed`. */
export function describeFailure(url: string, err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') return `connection refused at ${url}`;
  if ((err as Error).name === 'TimeoutError') return `no answer from ${url} in time`;
  return `${url}: ${cause?.message ?? (err as Error).message}`;
}
