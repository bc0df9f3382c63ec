import { describe, expect, it } from 'vitest';
import { sameAddress, type Address } from './address.js';

const home: Address = {
  country: 'PL',
  city: 'Warszawa',
  street: 'Marszałkowska',
  buildingNumber: '10',
  lat: 52.23,
  lon: 21.01,
};

describe('sameAddress', () => {
  it('compares every field', () => {
    expect(sameAddress(home, { ...home })).toBe(true);
    expect(sameAddress(home, { ...home, buildingNumber: '12' })).toBe(false);
    expect(sameAddress(home, { ...home, lat: 52.24 })).toBe(false);
    expect(sameAddress(home, { ...home, postalCode: '00-001' })).toBe(false);
  });

  it('treats a missing field and a null field alike', () => {
    expect(sameAddress(home, { ...home, postalCode: null })).toBe(true);
    expect(sameAddress({ ...home, postalCode: undefined }, { ...home, postalCode: null })).toBe(true);
  });
});
