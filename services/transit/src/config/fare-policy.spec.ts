import { describe, expect, it } from 'vitest';
import { ConfiguredFarePolicy } from './fare-policy.js';

const address = { country: 'PL', city: 'Warszawa', street: 'Nowy Świat', buildingNumber: '15' };

describe('the fare policy read from the environment', () => {
  it('defaults to Warsaw time and 42 km when an address has no coordinates', () => {
    const policy = new ConfiguredFarePolicy({});
    expect(policy.timeZone).toBe('Europe/Warsaw');
    expect(policy.distances.distanceKm(address, address)).toEqual({ km: 42, source: 'fallback' });
  });

  it('takes the zone and the fallback distance from CABS_TIME_ZONE and CABS_FALLBACK_DISTANCE_KM', () => {
    const policy = new ConfiguredFarePolicy({ CABS_TIME_ZONE: 'America/New_York', CABS_FALLBACK_DISTANCE_KM: '12.5' });
    expect(policy.timeZone).toBe('America/New_York');
    expect(policy.distances.distanceKm(address, address)).toEqual({ km: 12.5, source: 'fallback' });
  });

  it('refuses, saying which variable is wrong, a zone it does not know or a distance that is not a non-negative number', () => {
    expect(() => new ConfiguredFarePolicy({ CABS_TIME_ZONE: 'Mars/Olympus' })).toThrow(
      'CABS_TIME_ZONE: "Mars/Olympus" is not an IANA time zone (e.g. Europe/Warsaw)',
    );
    expect(() => new ConfiguredFarePolicy({ CABS_FALLBACK_DISTANCE_KM: '-1' })).toThrow(
      'CABS_FALLBACK_DISTANCE_KM: must be at least 0 (got -1)',
    );
    expect(() => new ConfiguredFarePolicy({ CABS_FALLBACK_DISTANCE_KM: 'far' })).toThrow(
      'CABS_FALLBACK_DISTANCE_KM: must be a finite number (got "far")',
    );
  });
});
