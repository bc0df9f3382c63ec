import { describe, expect, it } from 'vitest';
import type { Address } from './address.js';
import { HaversineDistance } from './distance.js';
import { DomainError } from './domain-error.js';
import type { FarePolicy } from './fare.js';
import { accept, cancel, complete, requestTransit, start, updateDestination, type Transit } from './transit.js';

const policy: FarePolicy = { distances: new HaversineDistance(), timeZone: 'Europe/Warsaw' };

const place = (street: string, lat?: number, lon?: number): Address => ({
  country: 'PL',
  city: 'Warszawa',
  street,
  buildingNumber: '1',
  lat,
  lon,
});
const pickup = place('Marszałkowska', 52.2297, 21.0122);
const destination = place('Floriańska', 50.0647, 19.945); // Kraków's coordinates: ≈ 252 km
const elsewhere = place('Długa'); // no coordinates: the 42 km fallback

// Friday 08:30 in Warsaw: the standard tariff
const requestedAt = new Date('2021-04-16T08:30:00+02:00');
const startedAt = new Date('2021-04-16T08:40:00+02:00');
const completedAt = new Date('2021-04-16T17:30:00+02:00'); // Friday evening: would be weekend-plus

const requested = (): Transit =>
  requestTransit({ id: 't-1', clientId: 'c-1', clientName: 'Ada', pickup, destination, requestedAt }, policy);
const assigned = (): Transit => accept(requested(), 'd-1');
const inTransit = (): Transit => start(assigned(), startedAt);

function expectRejection(action: () => unknown, code: DomainError['code'], message: RegExp): void {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    expect((error as DomainError).message).toMatch(message);
    return;
  }
  expect.fail('expected a DomainError');
}

describe('requestTransit', () => {
  it('estimates the price at once from the distance and the tariff of the request time', () => {
    const transit = requested();
    expect(transit).toMatchObject({
      status: 'requested',
      driverId: null,
      tariff: 'standard',
      distanceSource: 'haversine',
      price: null,
    });
    expect(transit.distanceKm).toBeCloseTo(252, 0);
    const expected = Math.round(transit.distanceKm * 100) + 900;
    expect(transit.estimatedPrice).toEqual({ amount: expected, currency: 'PLN' });
  });

  it('says when the distance is the fallback constant', () => {
    const transit = requestTransit(
      { id: 't-2', clientId: 'c-1', clientName: 'Ada', pickup, destination: elsewhere, requestedAt },
      policy,
    );
    expect(transit).toMatchObject({ distanceKm: 42, distanceSource: 'fallback', estimatedPrice: { amount: 5100 } });
  });

  it('rejects a request without a client or with an invalid time', () => {
    const request = { id: 't-3', clientId: 'c-1', clientName: 'Ada', pickup, destination, requestedAt };
    expectRejection(() => requestTransit({ ...request, clientId: ' ' }, policy), 'invalid-request', /client id/);
    expectRejection(() => requestTransit({ ...request, clientName: '' }, policy), 'invalid-request', /client's name/);
    expectRejection(
      () => requestTransit({ ...request, requestedAt: new Date('nope') }, policy),
      'invalid-request',
      /request time/,
    );
  });
});

describe('accept', () => {
  it('records the driver of a requested transit', () => {
    expect(assigned()).toMatchObject({ status: 'driver-assigned', driverId: 'd-1' });
  });

  it('leaves the original untouched', () => {
    const transit = requested();
    accept(transit, 'd-1');
    expect(transit.status).toBe('requested');
  });

  it.each([
    ['driver-assigned', assigned],
    ['in-transit', inTransit],
  ] as const)('is refused once %s', (status, make) => {
    expectRejection(() => accept(make(), 'd-2'), 'transition-not-allowed', new RegExp(`it is ${status}`));
  });

  it('needs a driver id', () => {
    expectRejection(() => accept(requested(), ''), 'invalid-request', /driver id/);
  });
});

describe('start', () => {
  it('records the start time of an assigned transit', () => {
    expect(inTransit()).toMatchObject({ status: 'in-transit', startedAt });
  });

  it.each([
    ['requested', requested],
    ['in-transit', inTransit],
  ] as const)('is refused when %s', (_status, make) => {
    expectRejection(() => start(make(), startedAt), 'transition-not-allowed', /starts once a driver has accepted/);
  });
});

describe('complete', () => {
  it('sets the final distance, price and time, keeping the tariff of the request time', () => {
    const { outcome, transit } = complete(inTransit(), destination, completedAt, policy);
    expect(outcome).toBe('completed');
    expect(transit).toMatchObject({ status: 'completed', tariff: 'standard', completedAt, driverId: 'd-1' });
    expect(transit.price).toEqual(transit.estimatedPrice);
    expect(transit.destination).toBe(destination);
  });

  it('replaces the planned destination when the rider got out elsewhere', () => {
    const { transit } = complete(inTransit(), elsewhere, completedAt, policy);
    expect(transit.destination).toEqual(elsewhere);
    expect(transit).toMatchObject({
      distanceKm: 42,
      distanceSource: 'fallback',
      price: { amount: 5100, currency: 'PLN' },
    });
    expect(transit.estimatedPrice.amount).not.toBe(5100); // the estimate stays what the rider was told
  });

  it('is idempotent for the same command', () => {
    const first = complete(inTransit(), destination, completedAt, policy).transit;
    const again = complete(first, destination, new Date('2021-04-16T18:00:00+02:00'), policy);
    expect(again).toEqual({ outcome: 'already-completed', transit: first });
  });

  it('refuses to complete a completed transit at another destination', () => {
    const first = complete(inTransit(), destination, completedAt, policy).transit;
    expectRejection(
      () => complete(first, elsewhere, completedAt, policy),
      'completed-with-other-destination',
      /already completed/,
    );
  });

  it.each([
    ['requested', requested],
    ['driver-assigned', assigned],
    ['cancelled', () => cancel(requested())],
  ] as const)('is refused when %s', (status, make) => {
    expectRejection(
      () => complete(make(), destination, completedAt, policy),
      'transition-not-allowed',
      new RegExp(`Cannot complete transit t-1: it is ${status}`),
    );
  });
});

describe('cancel', () => {
  it.each([
    ['requested', requested],
    ['driver-assigned', assigned],
  ] as const)('is allowed when %s', (_status, make) => {
    expect(cancel(make()).status).toBe('cancelled');
  });

  it.each([
    ['in-transit', inTransit],
    ['completed', () => complete(inTransit(), destination, completedAt, policy).transit],
    ['cancelled', () => cancel(requested())],
  ] as const)('is refused when %s', (_status, make) => {
    expectRejection(() => cancel(make()), 'transition-not-allowed', /only before it starts/);
  });
});

describe('updateDestination', () => {
  it.each([
    ['requested', requested],
    ['driver-assigned', assigned],
    ['in-transit', inTransit],
  ] as const)('recomputes distance and estimate when %s', (status, make) => {
    const transit = updateDestination(make(), elsewhere, policy);
    expect(transit).toMatchObject({
      status,
      destination: elsewhere,
      distanceKm: 42,
      distanceSource: 'fallback',
      estimatedPrice: { amount: 5100 },
      price: null,
    });
  });

  it('prices by the request time, not by the time of the change', () => {
    const saturday = requestTransit(
      {
        id: 't-4',
        clientId: 'c-1',
        clientName: 'Ada',
        pickup,
        destination,
        requestedAt: new Date('2021-04-17T08:30:00+02:00'),
      },
      policy,
    );
    expect(updateDestination(saturday, elsewhere, policy)).toMatchObject({
      tariff: 'weekend',
      estimatedPrice: { amount: 42 * 150 + 800 },
    });
  });

  it.each([
    ['completed', () => complete(inTransit(), destination, completedAt, policy).transit],
    ['cancelled', () => cancel(requested())],
  ] as const)('is refused once %s', (_status, make) => {
    expectRejection(
      () => updateDestination(make(), elsewhere, policy),
      'transition-not-allowed',
      /until the transit is completed or cancelled/,
    );
  });
});
