import { describe, expect, it } from 'vitest';
import type { ClaimedDelivery } from '../store/delivery-queue.js';
import { afterDeadLetterAttempt, afterSubscriberAttempt } from './next-step.js';
import type { RetryPolicy } from '../config/delivery-spec.js';

const policy: RetryPolicy = { retry: 2, backoffPolicy: 'exponential', backoffDelayMs: 200, timeoutMs: 1000 };
const target = { subscriberUrl: 'http://invoicing', hasDeadLetterSink: false };

function claimed(overrides: Partial<ClaimedDelivery> = {}): ClaimedDelivery {
  return {
    id: '1',
    lease: 'l',
    trigger: 'invoicing-issue-invoice',
    state: 'pending',
    attempts: 0,
    deadLetter: null,
    deadLetterAttempts: 0,
    lastStatus: null,
    lastError: null,
    lastResponse: null,
    errorDest: null,
    eventId: 'e',
    namespace: 'cabs',
    broker: 'default',
    receivedAt: new Date(),
    event: { attributes: {}, data: undefined },
    ...overrides,
  };
}

const unavailable = { outcome: 'retry' as const, status: 503, error: 'HTTP 503', body: Buffer.from('down') };

describe('after an attempt', () => {
  it('a 2xx settles the delivery', () => {
    const t = afterSubscriberAttempt(
      claimed({ attempts: 1, state: 'retrying', lastError: 'HTTP 503' }),
      policy,
      { outcome: 'delivered', status: 202 },
      target,
    );
    expect(t).toMatchObject({ state: 'delivered', attempts: 2, delayMs: null, lastStatus: 202, lastError: null });
  });

  it('a retryable failure waits d·2^k for retry k, then dies when the retries are spent', () => {
    const first = afterSubscriberAttempt(claimed(), policy, unavailable, target);
    expect(first).toMatchObject({
      state: 'retrying',
      attempts: 1,
      delayMs: 400,
      lastStatus: 503,
      errorDest: 'http://invoicing',
    });
    expect(first.lastResponse?.toString()).toBe('down');
    expect(afterSubscriberAttempt(claimed({ attempts: 1 }), policy, unavailable, target)).toMatchObject({
      state: 'retrying',
      attempts: 2,
      delayMs: 800,
    });
    expect(afterSubscriberAttempt(claimed({ attempts: 2 }), policy, unavailable, target)).toMatchObject({
      state: 'dead',
      attempts: 3,
      deadLetter: 'local',
      delayMs: null,
    });
  });

  it('a non-retryable failure goes straight to the dead-letter sink', () => {
    const t = afterSubscriberAttempt(
      claimed(),
      policy,
      { outcome: 'fail', status: 422, error: 'HTTP 422', body: null },
      { ...target, hasDeadLetterSink: true },
    );
    expect(t).toMatchObject({
      state: 'dead',
      attempts: 1,
      deadLetter: 'sending',
      delayMs: 0,
      lastStatus: 422,
      lastResponse: null,
    });
  });

  it('keeps only the first 1024 bytes of the answer', () => {
    const t = afterSubscriberAttempt(claimed(), policy, { ...unavailable, body: Buffer.alloc(5000, 'x') }, target);
    expect(t.lastResponse).toHaveLength(1024);
  });

  it('retries the dead-letter sink with the same policy, then keeps the dead letter locally', () => {
    const dead = claimed({ state: 'dead', attempts: 3, deadLetter: 'sending', lastStatus: 503 });
    expect(afterDeadLetterAttempt(dead, policy, unavailable)).toMatchObject({
      state: 'dead',
      deadLetter: 'sending',
      deadLetterAttempts: 1,
      delayMs: 400,
      attempts: 3,
      lastStatus: 503,
    });
    expect(afterDeadLetterAttempt({ ...dead, deadLetterAttempts: 2 }, policy, unavailable)).toMatchObject({
      deadLetter: 'local',
      delayMs: null,
    });
    expect(afterDeadLetterAttempt(dead, policy, { outcome: 'delivered', status: 200 })).toMatchObject({
      deadLetter: 'sink',
      delayMs: null,
    });
  });
});
