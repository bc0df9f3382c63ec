import { describe, expect, it } from 'vitest';
import { formatMs } from './durations.js';

describe('durations for people', () => {
  it('formats milliseconds for a log line', () => {
    expect(formatMs(400)).toBe('400 ms');
    expect(formatMs(800)).toBe('800 ms');
    expect(formatMs(1600)).toBe('1.6 s');
    expect(formatMs(204_800)).toBe('3 min 25 s');
    expect(formatMs(120_000)).toBe('2 min');
  });
});
