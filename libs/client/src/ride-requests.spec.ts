import { describe, expect, it } from 'vitest';
import { PLACES, rideRequest } from './ride-requests.js';

describe('rideRequest', () => {
  it('never asks for a ride from a place to itself', () => {
    for (let n = 0; n < 100; n++) expect(rideRequest(n).destination).not.toBe(rideRequest(n).pickup);
  });

  it('varies the routes as rides go on', () => {
    const routes = new Set(
      Array.from(
        { length: PLACES.length * 3 },
        (_, n) => `${rideRequest(n).pickup.street} → ${rideRequest(n).destination.street}`,
      ),
    );
    expect(routes.size).toBeGreaterThan(PLACES.length * 2);
  });
});
