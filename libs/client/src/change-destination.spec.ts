import { describe, expect, it } from 'vitest';
import { placeToGo, samePlace } from './change-destination.js';
import { PLACES } from './ride-requests.js';

describe('placeToGo', () => {
  const ride = { pickup: PLACES[0], destination: { ...PLACES[1], id: 'stored-address-id' } };

  it('finds a place by its street, whatever the case and the accents', () => {
    expect(placeToGo(ride, 'zwirki')).toBe(PLACES[6]);
    expect(placeToGo(ride, 'ALEJE UJAZDOWSKIE 4')).toBe(PLACES[3]);
    expect(placeToGo(ride, 'Księcia')).toBe(PLACES[5]);
  });

  it('never offers where the ride already goes or starts, and nothing for an unknown street', () => {
    expect(placeToGo(ride, 'Rynek')).toBeUndefined();
    expect(placeToGo(ride, 'Plac Defilad')).toBeUndefined();
    expect(placeToGo(ride, 'Baker Street')).toBeUndefined();
  });

  it('without a hint, takes the place after the current destination', () => {
    expect(placeToGo(ride)).toBe(PLACES[2]);
    expect(placeToGo({ pickup: PLACES[0], destination: PLACES[6] })).toBe(PLACES[1]);
  });
});

describe('samePlace', () => {
  it('compares the address, not the stored copy', () => {
    const stored = { ...PLACES[2], id: 'e1b1c7f0-0000-4000-8000-000000000002' };
    expect(samePlace(stored, PLACES[2])).toBe(true);
    expect(samePlace(PLACES[2], PLACES[3])).toBe(false);
  });
});
