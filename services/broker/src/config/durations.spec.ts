import { describe, expect, it } from 'vitest';
import { durationMs, formatMs } from './durations.js';

describe('ISO-8601 durations', () => {
  it.each([
    ['PT0.2S', 200],
    ['PT1S', 1000],
    ['PT0.05S', 50],
    ['PT1M30S', 90_000],
    ['PT2H', 7_200_000],
    ['P1D', 86_400_000],
    ['P1W', 604_800_000],
  ])('%s is %i ms', (text, ms) => expect(durationMs(text)).toBe(ms));

  it('rejects what is not a duration, negative durations and months', () => {
    expect(() => durationMs('200ms')).toThrow(/not an ISO-8601 duration/);
    expect(() => durationMs('-PT1S')).toThrow(/negative/);
    expect(() => durationMs('P1M')).toThrow(/years or months/);
  });

  it('formats milliseconds for a log line', () => {
    expect(formatMs(400)).toBe('400 ms');
    expect(formatMs(800)).toBe('800 ms');
    expect(formatMs(1600)).toBe('1.6 s');
    expect(formatMs(204_800)).toBe('3 min 25 s');
    expect(formatMs(120_000)).toBe('2 min');
  });
});
