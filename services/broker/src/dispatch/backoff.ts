import type { RetryPolicy } from '../config/delivery-spec.js';

/**
 * The wait before retry k (k = 1 for the first retry), as the Kafka Broker computes it:
 * exponential d·2^k, linear d·k. Retry 10, exponential, PT0.2S waits 0.4 s, 0.8 s, … 204.8 s.
 */
export function retryDelayMs(policy: Pick<RetryPolicy, 'backoffPolicy' | 'backoffDelayMs'>, k: number): number {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`retry number must be a positive integer, got ${k}`);
  return policy.backoffPolicy === 'linear' ? policy.backoffDelayMs * k : policy.backoffDelayMs * 2 ** k;
}

/** Every wait of a policy, first retry first: what an attendee can expect before the dead-letter sink. */
export function retrySchedule(policy: Pick<RetryPolicy, 'retry' | 'backoffPolicy' | 'backoffDelayMs'>): number[] {
  return Array.from({ length: policy.retry }, (_, i) => retryDelayMs(policy, i + 1));
}
