import { describe, expect, it } from 'vitest';
import { durationMs, isDuration } from './duration.js';

describe('ISO 8601 durations', () => {
  it.each([
    ['PT0.2S', 200],
    ['PT1S', 1000],
    ['PT0.05S', 50],
    ['PT1M30S', 90_000],
    ['PT2H', 7_200_000],
    ['P1D', 86_400_000],
    ['P1W', 604_800_000],
    ['PT0S', 0],
  ])('%s is %i ms', (text, ms) => expect(durationMs(text)).toBe(ms));

  it('rejects what is not a duration, negative durations and months', () => {
    expect(() => durationMs('200ms')).toThrow(/"200ms" is not an ISO 8601 duration/);
    expect(() => durationMs('500')).toThrow(/not an ISO 8601 duration/);
    expect(() => durationMs('-PT1S')).toThrow(/negative/);
    expect(() => durationMs('PT-1S')).toThrow(/negative/);
    expect(() => durationMs('P1M')).toThrow(/years or months/);
    expect(['PT1S', 'abc', 'P1Y', 'PT-1S', ''].map(isDuration)).toEqual([true, false, false, false, false]);
  });
});
