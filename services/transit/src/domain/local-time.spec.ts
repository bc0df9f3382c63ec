import { describe, expect, it } from 'vitest';
import { localTimeOf } from './local-time.js';

describe('localTimeOf', () => {
  it('reads Warsaw wall-clock time in winter (UTC+1) and summer (UTC+2)', () => {
    expect(localTimeOf(new Date('2021-01-15T12:00:00Z'))).toEqual({ month: 1, day: 15, weekday: 'fri', hour: 13 });
    expect(localTimeOf(new Date('2021-07-15T12:00:00Z'))).toEqual({ month: 7, day: 15, weekday: 'thu', hour: 14 });
  });

  it('reports midnight as hour 0, not 24', () => {
    expect(localTimeOf(new Date('2021-04-18T22:00:00Z')).hour).toBe(0);
  });

  it('crosses the date line with the zone, not with UTC', () => {
    expect(localTimeOf(new Date('2021-12-31T23:30:00Z'))).toEqual({ month: 1, day: 1, weekday: 'sat', hour: 0 });
    expect(localTimeOf(new Date('2021-12-31T23:30:00Z'), 'America/New_York')).toEqual({
      month: 12,
      day: 31,
      weekday: 'fri',
      hour: 18,
    });
  });

  it('rejects an unknown zone and an invalid date', () => {
    expect(() => localTimeOf(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => localTimeOf(new Date('not a date'))).toThrow(RangeError);
  });
});
