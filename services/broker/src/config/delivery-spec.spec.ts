import { describe, expect, it } from 'vitest';
import { mergeDelivery, retryPolicy } from './delivery-spec.js';

describe('delivery spec', () => {
  const broker = {
    retry: 10,
    backoffPolicy: 'exponential' as const,
    backoffDelay: 'PT0.2S',
    deadLetterSink: { ref: { kind: 'KafkaSink', name: 'cabs-dead-letters' } },
  };

  it('takes the Broker default and lets the Trigger override field by field', () => {
    const merged = mergeDelivery(broker, { retry: 3, timeout: 'PT5S' });
    expect(merged).toEqual({ ...broker, retry: 3, timeout: 'PT5S' });
    expect(mergeDelivery(broker, undefined)).toEqual(broker);
    expect(mergeDelivery(undefined, { backoffPolicy: 'linear' })).toEqual({ backoffPolicy: 'linear' });
    expect(mergeDelivery(broker, { deadLetterSink: { uri: 'http://dls' } }).deadLetterSink).toEqual({
      uri: 'http://dls',
    });
  });

  it('defaults: no retry means a single attempt; retry without delay means 1 s exponential; 30 s per attempt', () => {
    expect(retryPolicy({})).toEqual({
      retry: 0,
      backoffPolicy: 'exponential',
      backoffDelayMs: 1000,
      timeoutMs: 30_000,
    });
    expect(retryPolicy({ retry: 5 })).toEqual({
      retry: 5,
      backoffPolicy: 'exponential',
      backoffDelayMs: 1000,
      timeoutMs: 30_000,
    });
    expect(retryPolicy({ retry: 5, backoffPolicy: 'linear', backoffDelay: 'PT1S', timeout: 'PT2S' })).toEqual({
      retry: 5,
      backoffPolicy: 'linear',
      backoffDelayMs: 1000,
      timeoutMs: 2000,
    });
  });

  it('names the field of a bad duration', () => {
    expect(() => retryPolicy({ backoffDelay: 'soon' })).toThrow(
      /spec\.delivery\.backoffDelay: "soon" is not an ISO 8601 duration/,
    );
    expect(() => retryPolicy({ timeout: 'PT0S' })).toThrow(/spec\.delivery\.timeout: "PT0S" must be longer than zero/);
  });
});
