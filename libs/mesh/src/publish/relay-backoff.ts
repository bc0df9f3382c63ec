/** Wait before the next attempt to publish an outbox event: 0.2 s doubling per attempt, at most 30 s. */
export function relayBackoffMs(attempts: number): number {
  return Math.min(30_000, 200 * 2 ** Math.max(0, attempts - 1));
}
