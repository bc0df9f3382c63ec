import { describe, expect, it } from 'vitest';
import { monthOf, parseMonth } from './earnings.js';

describe('monthOf', () => {
  it('is the calendar month in Warsaw', () => {
    expect(monthOf(new Date('2026-03-15T12:00:00Z'))).toBe('2026-03');
    // 00:30 on 1 May in Warsaw (UTC+2) is still April in UTC
    expect(monthOf(new Date('2026-04-30T22:30:00Z'))).toBe('2026-05');
    expect(monthOf(new Date('2026-04-30T21:59:59Z'))).toBe('2026-04');
    // New Year in winter time (UTC+1)
    expect(monthOf(new Date('2025-12-31T23:00:00Z'))).toBe('2026-01');
    expect(monthOf(new Date('2025-12-31T22:59:59Z'))).toBe('2025-12');
  });

  it('follows a configured zone', () => {
    expect(monthOf(new Date('2026-04-30T22:30:00Z'), 'UTC')).toBe('2026-04');
    expect(monthOf(new Date('2026-05-01T02:00:00Z'), 'America/New_York')).toBe('2026-04');
  });
});

describe('parseMonth', () => {
  it.each(['2026-01', '2026-12', '1999-07'])('accepts %s', (text) => {
    expect(parseMonth(text)).toBe(text);
  });

  it.each(['2026-13', '2026-00', '2026-1', '26-01', '2026/01', '2026-01-01', '', ' 2026-01'])(
    'rejects "%s"',
    (text) => {
      expect(() => parseMonth(text)).toThrow(/is not a month: expected YYYY-MM/);
    },
  );
});
