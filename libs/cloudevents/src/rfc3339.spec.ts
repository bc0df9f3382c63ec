import { describe, expect, it } from 'vitest';
import { isRfc3339 } from './rfc3339.js';

describe('isRfc3339', () => {
  it.each([
    '2018-04-05T03:56:24Z',
    '2018-04-05t03:56:24z',
    '2026-11-23T10:00:00.123456789+01:00',
    '2024-02-29T00:00:00-23:59',
    '2024-02-29T23:59:60.5-01:30',
    '2016-12-31T23:59:60Z',
    '2000-02-29T12:00:00Z',
  ])('takes %s', (value) => expect(isRfc3339(value)).toBe(true));

  it.each([
    ['yesterday', 'not a timestamp'],
    ['1700000000', 'a Unix time'],
    ['2026-11-23T10:00:00', 'no offset'],
    ['2026-11-23 10:00:00Z', 'a space for the T'],
    ['2026-11-23T10:00Z', 'no seconds'],
    ['2026-11-23T10:00:00+0100', 'an offset without a colon'],
    ['2026-13-45T99:99:99Z', 'month 13'],
    ['2026-02-29T10:00:00Z', 'February 29th of a common year'],
    ['1900-02-29T10:00:00Z', 'February 29th of a century that is no leap year'],
    ['2026-04-31T10:00:00Z', 'April 31st'],
    ['2026-11-23T24:00:00+01:00', 'hour 24'],
    ['2026-11-23T10:00:00+25:00', 'offset hour 25'],
    ['2026-11-23T10:00:00+01:60', 'offset minute 60'],
    ['2026-11-23T10:59:60Z', 'a leap second but at 23:59'],
  ])('refuses %s (%s)', (value) => expect(isRfc3339(value)).toBe(false));
});
