import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { priceOf, TARIFFS, tariffFor, type TariffName } from './tariff.js';

// Instants are written with Warsaw's offset of that day (+01:00 winter, +02:00 summer),
// so each row reads as the local time the rule talks about.
const tariffNameAt = (instant: string, timeZone?: string): TariffName => tariffFor(new Date(instant), timeZone).name;

describe('the check values of docs/domain.md, at 20 km', () => {
  it.each([
    ['Fri 2021-04-16 08:30', '2021-04-16T08:30:00+02:00', 'standard', 2900],
    ['Sat 2021-04-17 08:30', '2021-04-17T08:30:00+02:00', 'weekend', 3800],
    ['Sat 2021-04-17 19:30', '2021-04-17T19:30:00+02:00', 'weekend-plus', 6000],
    ['Fri 2021-12-31 12:00', '2021-12-31T12:00:00+01:00', 'new-years-eve', 8100],
  ])('%s → %s, %i', (_label, instant, name, amount) => {
    const tariff = tariffFor(new Date(instant));
    expect(tariff.name).toBe(name);
    expect(priceOf(tariff, 20)).toEqual({ amount, currency: 'PLN' });
  });
});

describe('tariff boundaries in Europe/Warsaw', () => {
  it.each([
    // Friday evening opens the weekend
    ['Fri 00:00', '2021-04-16T00:00:00+02:00', 'standard'],
    ['Fri 16:59', '2021-04-16T16:59:00+02:00', 'standard'],
    ['Fri 17:00', '2021-04-16T17:00:00+02:00', 'weekend-plus'],
    ['Fri 23:59', '2021-04-16T23:59:00+02:00', 'weekend-plus'],
    // Saturday
    ['Sat 00:00', '2021-04-17T00:00:00+02:00', 'weekend-plus'],
    ['Sat 06:59', '2021-04-17T06:59:00+02:00', 'weekend-plus'],
    ['Sat 07:00', '2021-04-17T07:00:00+02:00', 'weekend'],
    ['Sat 16:59', '2021-04-17T16:59:00+02:00', 'weekend'],
    ['Sat 17:00', '2021-04-17T17:00:00+02:00', 'weekend-plus'],
    ['Sat 23:59', '2021-04-17T23:59:00+02:00', 'weekend-plus'],
    // Sunday: the night is "plus", the evening is not
    ['Sun 00:00', '2021-04-18T00:00:00+02:00', 'weekend-plus'],
    ['Sun 06:59', '2021-04-18T06:59:00+02:00', 'weekend-plus'],
    ['Sun 07:00', '2021-04-18T07:00:00+02:00', 'weekend'],
    ['Sun 16:59', '2021-04-18T16:59:00+02:00', 'weekend'],
    ['Sun 17:00', '2021-04-18T17:00:00+02:00', 'weekend'],
    ['Sun 23:59', '2021-04-18T23:59:00+02:00', 'weekend'],
    // Monday after Sunday night
    ['Mon 00:00', '2021-04-19T00:00:00+02:00', 'standard'],
    ['Mon 06:59', '2021-04-19T06:59:00+02:00', 'standard'],
    ['Thu 17:00', '2021-04-15T17:00:00+02:00', 'standard'],
  ])('%s → %s', (_label, instant, name) => {
    expect(tariffNameAt(instant)).toBe(name);
  });
});

describe("new year's eve", () => {
  it.each([
    ['31 Dec 00:00 (Fri)', '2021-12-31T00:00:00+01:00'],
    ['31 Dec 08:30 (Fri)', '2021-12-31T08:30:00+01:00'],
    ['31 Dec 17:00 (Fri evening, which would be weekend-plus)', '2021-12-31T17:00:00+01:00'],
    ['31 Dec 23:59 (Fri)', '2021-12-31T23:59:00+01:00'],
    ['31 Dec 10:00 (Sat, which would be weekend)', '2022-12-31T10:00:00+01:00'],
    ['31 Dec 12:00 (Wed)', '2025-12-31T12:00:00+01:00'],
    ['1 Jan 00:00', '2022-01-01T00:00:00+01:00'],
    ['1 Jan 06:59', '2022-01-01T06:59:00+01:00'],
  ])('%s → new-years-eve', (_label, instant) => {
    expect(tariffNameAt(instant)).toBe('new-years-eve');
  });

  it.each([
    ['1 Jan 07:00 on a Friday', '2021-01-01T07:00:00+01:00', 'standard'],
    ['1 Jan 17:00 on a Friday', '2021-01-01T17:00:00+01:00', 'weekend-plus'],
    ['1 Jan 07:00 on a Saturday', '2022-01-01T07:00:00+01:00', 'weekend'],
    ['1 Jan 07:00 on a Sunday', '2023-01-01T07:00:00+01:00', 'weekend'],
    ['1 Jan 07:00 on a Monday', '2024-01-01T07:00:00+01:00', 'standard'],
    ['30 Dec 12:00 (Thu)', '2021-12-30T12:00:00+01:00', 'standard'],
    ['2 Jan 03:00 (Sun)', '2022-01-02T03:00:00+01:00', 'weekend-plus'],
  ])('%s → %s', (_label, instant, name) => {
    expect(tariffNameAt(instant)).toBe(name);
  });
});

describe('daylight saving time in Europe/Warsaw', () => {
  // Sun 2021-03-28: clocks jump 02:00 → 03:00, so from then on local = UTC+2.
  it('spring forward: 06:59 and 07:00 local are 04:59Z and 05:00Z', () => {
    expect(tariffNameAt('2021-03-28T04:59:00Z')).toBe('weekend-plus');
    expect(tariffNameAt('2021-03-28T05:00:00Z')).toBe('weekend');
    // with the winter offset 05:30Z would still be 06:30, "plus"
    expect(tariffNameAt('2021-03-28T05:30:00Z')).toBe('weekend');
  });

  // Sun 2021-10-31: clocks fall back 03:00 → 02:00, so from then on local = UTC+1.
  it('fall back: 06:59 and 07:00 local are 05:59Z and 06:00Z', () => {
    expect(tariffNameAt('2021-10-31T05:59:00Z')).toBe('weekend-plus');
    expect(tariffNameAt('2021-10-31T06:00:00Z')).toBe('weekend');
    // with the summer offset 05:30Z would already be 07:30, not "plus"
    expect(tariffNameAt('2021-10-31T05:30:00Z')).toBe('weekend-plus');
  });

  it('the repeated hour of the night of the change is Sunday night either way', () => {
    expect(tariffNameAt('2021-10-31T00:30:00Z')).toBe('weekend-plus'); // 02:30 CEST
    expect(tariffNameAt('2021-10-31T01:30:00Z')).toBe('weekend-plus'); // 02:30 CET
  });
});

describe('another zone', () => {
  it('reads the same instant by that zone’s clock', () => {
    // Sat 08:30 in Warsaw, Sat 02:30 in New York
    expect(tariffNameAt('2021-04-17T06:30:00Z')).toBe('weekend');
    expect(tariffNameAt('2021-04-17T06:30:00Z', 'America/New_York')).toBe('weekend-plus');
    // Sat 1 Jan 07:30 in Warsaw, still 1 Jan 01:30 in New York
    expect(tariffNameAt('2022-01-01T06:30:00Z')).toBe('weekend');
    expect(tariffNameAt('2022-01-01T06:30:00Z', 'America/New_York')).toBe('new-years-eve');
  });
});

describe('priceOf', () => {
  it('a zero-km ride costs the base fee', () => {
    for (const tariff of Object.values(TARIFFS)) {
      expect(priceOf(tariff, 0)).toEqual(tariff.baseFee);
    }
  });

  it('rounds km × rate half up to the cent', () => {
    // 0.005 km × 1.00 = 0.005 → 0.01; 0.004 km → 0.00
    expect(priceOf(TARIFFS.standard, 0.005).amount).toBe(901);
    expect(priceOf(TARIFFS.standard, 0.004).amount).toBe(900);
    // 0.001 km × 3.50 = 0.0035 → 0.00; 0.002 km × 3.50 = 0.007 → 0.01
    expect(priceOf(TARIFFS['new-years-eve'], 0.001).amount).toBe(1100);
    expect(priceOf(TARIFFS['new-years-eve'], 0.002).amount).toBe(1101);
    // 252.123 km × 1.50 = 378.1845 → 378.18
    expect(priceOf(TARIFFS.weekend, 252.123).amount).toBe(37818 + 800);
  });

  it('is exact for whole kilometres', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(TARIFFS)), fc.nat({ max: 40_000 }), (tariff, km) => {
        expect(priceOf(tariff, km).amount).toBe(km * tariff.ratePerKm.amount + tariff.baseFee.amount);
      }),
    );
  });

  it('never falls as the distance grows', () => {
    const km = fc.integer({ min: 0, max: 40_000_000 }).map((metres) => metres / 1000);
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(TARIFFS)), km, km, (tariff, a, b) => {
        const [shorter, longer] = a <= b ? [a, b] : [b, a];
        expect(priceOf(tariff, shorter).amount).toBeLessThanOrEqual(priceOf(tariff, longer).amount);
      }),
    );
  });

  it('rejects negative and non-finite distances', () => {
    expect(() => priceOf(TARIFFS.standard, -1)).toThrow(RangeError);
    expect(() => priceOf(TARIFFS.standard, Number.NaN)).toThrow(RangeError);
  });
});
