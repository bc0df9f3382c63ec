import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { retryDelayMs, retrySchedule } from './backoff.js';

describe('backoff (Kafka Broker formula)', () => {
  it('exponential waits d·2^k: retry 10 at PT0.2S is 0.4 s … 204.8 s, about 6 min 49 s in all', () => {
    const schedule = retrySchedule({ retry: 10, backoffPolicy: 'exponential', backoffDelayMs: 200 });
    expect(schedule).toEqual([400, 800, 1600, 3200, 6400, 12_800, 25_600, 51_200, 102_400, 204_800]);
    expect(schedule.reduce((a, b) => a + b)).toBe(409_200);
  });

  it('linear waits d·k', () => {
    expect(retrySchedule({ retry: 5, backoffPolicy: 'linear', backoffDelayMs: 1000 })).toEqual([
      1000, 2000, 3000, 4000, 5000,
    ]);
  });

  it('no retries, no waits', () => {
    expect(retrySchedule({ retry: 0, backoffPolicy: 'exponential', backoffDelayMs: 1000 })).toEqual([]);
  });

  it('never shrinks from one retry to the next', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('exponential' as const, 'linear' as const),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 30 }),
        (policy, d, k) => {
          expect(retryDelayMs({ backoffPolicy: policy, backoffDelayMs: d }, k + 1)).toBeGreaterThanOrEqual(
            retryDelayMs({ backoffPolicy: policy, backoffDelayMs: d }, k),
          );
        },
      ),
    );
  });

  it('refuses retry 0', () => {
    expect(() => retryDelayMs({ backoffPolicy: 'linear', backoffDelayMs: 1 }, 0)).toThrow(RangeError);
  });
});
