import type { DeliverySpec } from './knative-resources.js';
import { durationMs } from '@cabs/contracts';

export type BackoffPolicy = 'exponential' | 'linear';

/** The retry behaviour of one Trigger after merging and defaulting, in milliseconds. */
export interface RetryPolicy {
  /** Retries after the first attempt (attempts = retry + 1). */
  retry: number;
  backoffPolicy: BackoffPolicy;
  backoffDelayMs: number;
  /** Per attempt. */
  timeoutMs: number;
}

/** The Kafka Broker's default delay when `retry` is set without `backoffDelay`. */
export const DEFAULT_BACKOFF_DELAY_MS = 1000;
/** Knative leaves the per-attempt timeout to the implementation; the local broker allows 30 s (README). */
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 30_000;

/** Broker-level delivery is the default; the Trigger's fields override it one by one (the Kafka Broker's merge). */
export function mergeDelivery(broker: DeliverySpec | undefined, trigger: DeliverySpec | undefined): DeliverySpec {
  const merged: DeliverySpec = { ...broker };
  for (const [field, value] of Object.entries(trigger ?? {})) {
    if (value !== undefined) (merged as Record<string, unknown>)[field] = value;
  }
  return merged;
}

/** Fills the defaults: no `retry` means no retries; no delay means 1 s; no policy means exponential. */
export function retryPolicy(spec: DeliverySpec): RetryPolicy {
  return {
    retry: spec.retry ?? 0,
    backoffPolicy: spec.backoffPolicy ?? 'exponential',
    backoffDelayMs:
      spec.backoffDelay === undefined ? DEFAULT_BACKOFF_DELAY_MS : field('backoffDelay', spec.backoffDelay),
    timeoutMs:
      spec.timeout === undefined ? DEFAULT_ATTEMPT_TIMEOUT_MS : field('timeout', spec.timeout, { positive: true }),
  };
}

function field(name: string, text: string, { positive = false } = {}): number {
  try {
    const ms = durationMs(text);
    if (positive && ms <= 0) throw new RangeError(`"${text}" must be longer than zero`);
    return ms;
  } catch (err) {
    throw new RangeError(`spec.delivery.${name}: ${(err as Error).message}`);
  }
}
