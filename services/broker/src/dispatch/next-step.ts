import type { RetryPolicy } from '../config/delivery-spec.js';
import type { ClaimedDelivery, Transition } from '../store/delivery-queue.js';
import { ERROR_DATA_LIMIT } from './dead-letter.js';
import { retryDelayMs } from './backoff.js';
import type { Verdict } from './verdict.js';

/**
 * After an attempt to reach the subscriber: delivered; or retry k after its backoff while retries remain;
 * or dead — on its way to the dead-letter sink when there is one, else kept in the local store.
 */
export function afterSubscriberAttempt(
  row: ClaimedDelivery,
  policy: RetryPolicy,
  verdict: Verdict,
  target: { subscriberUrl: string; hasDeadLetterSink: boolean },
): Transition {
  const attempts = row.attempts + 1;
  const base = { ...unchanged(row), attempts, deadLetter: null, deadLetterAttempts: 0 };
  if (verdict.outcome === 'delivered') {
    return {
      ...base,
      state: 'delivered',
      delayMs: null,
      lastStatus: verdict.status,
      lastError: null,
      lastResponse: null,
    };
  }
  const failure = {
    lastStatus: verdict.status,
    lastError: verdict.error,
    lastResponse: verdict.body?.length ? verdict.body.subarray(0, ERROR_DATA_LIMIT) : null,
    errorDest: target.subscriberUrl,
  };
  // Attempt n failed; retry n (k = n) follows if the policy allows that many.
  if (verdict.outcome === 'retry' && attempts <= policy.retry) {
    return { ...base, ...failure, state: 'retrying', delayMs: retryDelayMs(policy, attempts) };
  }
  return target.hasDeadLetterSink
    ? { ...base, ...failure, state: 'dead', deadLetter: 'sending', delayMs: 0 }
    : { ...base, ...failure, state: 'dead', deadLetter: 'local', delayMs: null };
}

/** After an attempt to hand the dead letter to the sink, retried with the same policy, then kept locally. */
export function afterDeadLetterAttempt(row: ClaimedDelivery, policy: RetryPolicy, verdict: Verdict): Transition {
  const deadLetterAttempts = row.deadLetterAttempts + 1;
  const base = { ...unchanged(row), state: 'dead' as const, deadLetterAttempts };
  if (verdict.outcome === 'delivered') return { ...base, deadLetter: 'sink', delayMs: null };
  if (verdict.outcome === 'retry' && deadLetterAttempts <= policy.retry) {
    return { ...base, deadLetter: 'sending', delayMs: retryDelayMs(policy, deadLetterAttempts) };
  }
  return { ...base, deadLetter: 'local', delayMs: null };
}

/** A dead letter with nowhere to go (its Trigger lost the sink) stays here. */
export function keepDeadLetterLocally(row: ClaimedDelivery): Transition {
  return { ...unchanged(row), state: 'dead', deadLetter: 'local', delayMs: null };
}

function unchanged(row: ClaimedDelivery): Transition {
  return {
    id: row.id,
    lease: row.lease,
    state: row.state,
    attempts: row.attempts,
    deadLetter: row.deadLetter,
    deadLetterAttempts: row.deadLetterAttempts,
    delayMs: null,
    lastStatus: row.lastStatus,
    lastError: row.lastError,
    lastResponse: row.lastResponse,
    errorDest: row.errorDest,
  };
}
