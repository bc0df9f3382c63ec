import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Address } from './address.js';
import { EARTH_RADIUS_KM, HaversineDistance, haversineKm } from './distance.js';

const at = (lat: number, lon: number): Address => ({
  country: 'PL',
  city: 'X',
  street: 'Y',
  buildingNumber: '1',
  lat,
  lon,
});
const warsaw = at(52.2297, 21.0122);
const krakow = at(50.0647, 19.945);
const gdansk = at(54.352, 18.6466);
const nowhere: Address = { country: 'PL', city: 'Łódź', street: 'Piotrkowska', buildingNumber: '1' };

const distances = new HaversineDistance();

describe('HaversineDistance', () => {
  it('measures known city pairs', () => {
    const warsawKrakow = distances.distanceKm(warsaw, krakow);
    expect(warsawKrakow.source).toBe('haversine');
    expect(warsawKrakow.km).toBeGreaterThan(251);
    expect(warsawKrakow.km).toBeLessThan(253);
    expect(distances.distanceKm(warsaw, gdansk).km).toBeCloseTo(284, 0);
  });

  it('keeps three decimals', () => {
    const exact = haversineKm({ lat: 52.2297, lon: 21.0122 }, { lat: 50.0647, lon: 19.945 });
    expect(distances.distanceKm(warsaw, krakow).km).toBe(Math.round(exact * 1000) / 1000);
    expect(distances.distanceKm(warsaw, krakow).km).not.toBe(exact);
  });

  it('is zero from a place to itself', () => {
    expect(distances.distanceKm(warsaw, warsaw)).toEqual({ km: 0, source: 'haversine' });
  });

  it('is half the circumference between antipodes', () => {
    const halfCircumference = Math.round(Math.PI * EARTH_RADIUS_KM * 1000) / 1000;
    expect(distances.distanceKm(at(52.2297, 21.0122), at(-52.2297, -158.9878)).km).toBe(halfCircumference);
    expect(distances.distanceKm(at(90, 0), at(-90, 0)).km).toBe(halfCircumference);
    expect(distances.distanceKm(at(0, 0), at(0, 180)).km).toBe(halfCircumference);
  });

  const coordinates = fc.record({
    lat: fc.double({ min: -90, max: 90, noNaN: true }),
    lon: fc.double({ min: -180, max: 180, noNaN: true }),
  });

  it('is symmetric and never beyond half the circumference', () => {
    fc.assert(
      fc.property(coordinates, coordinates, (a, b) => {
        const there = distances.distanceKm(at(a.lat, a.lon), at(b.lat, b.lon)).km;
        const back = distances.distanceKm(at(b.lat, b.lon), at(a.lat, a.lon)).km;
        expect(there).toBe(back);
        expect(there).toBeGreaterThanOrEqual(0);
        expect(there).toBeLessThanOrEqual(Math.PI * EARTH_RADIUS_KM + 0.001);
      }),
    );
  });

  it('falls back to 42 km, saying so, when either end lacks coordinates', () => {
    expect(distances.distanceKm(nowhere, krakow)).toEqual({ km: 42, source: 'fallback' });
    expect(distances.distanceKm(warsaw, nowhere)).toEqual({ km: 42, source: 'fallback' });
    expect(distances.distanceKm(warsaw, { ...krakow, lon: null })).toEqual({ km: 42, source: 'fallback' });
  });

  it('uses a configured fallback and refuses a negative one', () => {
    expect(new HaversineDistance(7.5).distanceKm(nowhere, nowhere)).toEqual({ km: 7.5, source: 'fallback' });
    expect(() => new HaversineDistance(-1)).toThrow(RangeError);
  });
});
