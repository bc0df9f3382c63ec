import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ReadTransit } from '@cabs/contracts';
import { serviceUnderTest } from '@cabs/testing';
import { AppModule } from '../src/app.module.js';
import { aRideRequest, MOKOTOW, NO_COORDINATES, OLD_TOWN, TransitApi } from './support/rides.js';

describe('requesting and reading rides, over real HTTP on a real PostgreSQL', () => {
  // 20 km without coordinates: the check values of docs/domain.md.
  const transit = serviceUnderTest(AppModule, { database: 'transit', env: { CABS_FALLBACK_DISTANCE_KM: '20' } });
  const api = new TransitApi(transit);

  it('requests a ride: 201 with the estimate priced at once, and a Location naming it', async () => {
    const request = aRideRequest();
    const res = await api.call<ReadTransit>('POST', '/transits', request);

    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/transits/${res.body.id}`);
    expect(res.body).toMatchObject({
      status: 'requested',
      clientId: request.clientId,
      clientName: 'Ada Kowalska',
      driverId: null,
      pickup: OLD_TOWN,
      destination: MOKOTOW,
      // 3.294 km × 1.00 + 9.00, the standard tariff of a Friday morning
      distanceKm: 3.294,
      distanceSource: 'haversine',
      tariff: 'standard',
      estimatedPrice: { amount: 1229, currency: 'PLN' },
      price: null,
      requestedAt: '2021-04-16T06:30:00.000Z',
      startedAt: null,
      completedAt: null,
      settlement: { fee: null, invoice: null, driverFreed: false },
    });
    expect(res.body.settlement).not.toHaveProperty('steps');
  });

  it('prices a ride without coordinates at the configured distance, by the tariff of its request time', async () => {
    const priced = async (requestedAt: string) => {
      const ride = await api.request({ destination: NO_COORDINATES, requestedAt });
      return {
        km: ride.distanceKm,
        source: ride.distanceSource,
        tariff: ride.tariff,
        amount: ride.estimatedPrice.amount,
      };
    };
    expect(await priced('2021-04-16T08:30:00+02:00')).toEqual({
      km: 20,
      source: 'fallback',
      tariff: 'standard',
      amount: 2900,
    });
    expect(await priced('2021-04-17T08:30:00+02:00')).toEqual({
      km: 20,
      source: 'fallback',
      tariff: 'weekend',
      amount: 3800,
    });
    expect(await priced('2021-04-17T19:30:00+02:00')).toEqual({
      km: 20,
      source: 'fallback',
      tariff: 'weekend-plus',
      amount: 6000,
    });
    expect(await priced('2021-12-31T12:00:00+01:00')).toEqual({
      km: 20,
      source: 'fallback',
      tariff: 'new-years-eve',
      amount: 8100,
    });
  });

  it('takes the request time to be now when none is given', async () => {
    const before = Date.now();
    const ride = await api.request({ requestedAt: undefined });
    expect(Date.parse(ride.requestedAt)).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(ride.requestedAt)).toBeLessThanOrEqual(Date.now());
  });

  it('reads a ride back, and its addresses by id, with absent parts left out so they can be sent again', async () => {
    const created = await api.request();
    expect(await api.read(created.id)).toEqual(created);

    expect(await api.expect(200, 'GET', `/addresses/${created.pickup.id}`)).toEqual({
      id: created.pickup.id,
      ...OLD_TOWN,
    });
    const destination = await api.expect<Record<string, unknown>>(200, 'GET', `/addresses/${created.destination.id}`);
    expect(destination).toEqual({ id: created.destination.id, ...MOKOTOW });
    expect(destination).not.toHaveProperty('postalCode');
  });

  it('answers 404 for an unknown ride or address, and 400 for an id that is not a UUID', async () => {
    const unknown = randomUUID();
    expect(await api.call('GET', `/transits/${unknown}`)).toMatchObject({
      status: 404,
      body: { message: `Transit ${unknown} does not exist.` },
    });
    expect(await api.call('GET', `/addresses/${unknown}`)).toMatchObject({
      status: 404,
      body: { message: `Address ${unknown} does not exist.` },
    });
    const notAnId = await api.call('GET', '/transits/42');
    expect(notAnId.status).toBe(400);
    expect(String(notAnId.body.message)).toMatch(/params\/id: must be a UUID/);
    expect((await api.call('GET', '/addresses/42')).status).toBe(400);
  });

  it('refuses a malformed request with 400, naming each field, and stores nothing', async () => {
    const clientId = randomUUID();
    const res = await api.call('POST', '/transits', {
      ...aRideRequest({ clientId }),
      clientName: undefined,
      pickup: { ...OLD_TOWN, lat: 91 },
      destination: { ...MOKOTOW, city: '' },
      requestedAt: 'yesterday',
    });
    expect(res.status).toBe(400);
    const messages = (res.body.message as string[]).join('\n');
    expect(messages).toMatch(/body: missing required property 'clientName'/);
    expect(messages).toMatch(/body\/pickup\/lat: must be at most 90/);
    expect(messages).toMatch(/body\/destination\/city: must not be empty/);
    expect(messages).toMatch(/body\/requestedAt: must be an RFC 3339 date-time/);

    // Well-formed, but a rule says no: 422, as in every service.
    const blankName = await api.call('POST', '/transits', aRideRequest({ clientId, clientName: '   ' }));
    expect(blankName).toMatchObject({ status: 422, body: { message: "A transit needs the client's name." } });

    const notJson = await transit.service.http
      .post('/transits')
      .set('content-type', 'application/json')
      .send('{"clientId":');
    expect(notJson.status).toBe(400);

    expect(await api.expect(200, 'GET', `/transits?clientId=${clientId}`)).toEqual([]);
  });

  it('lists rides newest request first, by status, driver and client, at most `limit`', async () => {
    const clientId = randomUUID();
    const driverId = randomUUID();
    const requestedAt = ['2024-03-01T10:00:00Z', '2024-03-02T10:00:00Z', '2024-03-03T10:00:00Z'];
    const rides: ReadTransit[] = [];
    for (const at of requestedAt) rides.push(await api.request({ clientId, requestedAt: at }));
    await api.expect(200, 'POST', `/transits/${rides[1].id}/accept`, { driverId });

    const ids = async (query: string) =>
      (await api.expect<ReadTransit[]>(200, 'GET', `/transits?${query}`)).map((t) => t.id);
    expect(await ids(`clientId=${clientId}`)).toEqual([rides[2].id, rides[1].id, rides[0].id]);
    expect(await ids(`clientId=${clientId}&status=requested`)).toEqual([rides[2].id, rides[0].id]);
    expect(await ids(`driverId=${driverId}`)).toEqual([rides[1].id]);
    expect(await ids(`clientId=${clientId}&status=driver-assigned&driverId=${driverId}`)).toEqual([rides[1].id]);
    expect(await ids(`clientId=${clientId}&limit=2`)).toEqual([rides[2].id, rides[1].id]);
  });

  it('refuses a malformed or unknown filter with 400 rather than listing everything', async () => {
    const message = async (query: string) => {
      const res = await api.call('GET', `/transits?${query}`);
      expect(res.status).toBe(400);
      return String(res.body.message);
    };
    expect(await message('status=flying')).toMatch(
      /query\/status: must be one of "requested", "driver-assigned", .* \(got "flying"\)/,
    );
    expect(await message('limit=0')).toMatch(/query\/limit: must be at least 1/);
    expect(await message('limit=201')).toMatch(/query\/limit: must be at most 200/);
    expect(await message('driverId=bob')).toMatch(/query\/driverId: must be a UUID/);
    expect(await message('driver=bob')).toMatch(/query\/driver: unexpected property/);
  });

  it('documents its endpoints in the OpenAPI document', async () => {
    const document = await api.expect<{
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    }>(200, 'GET', '/openapi.json');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/transits',
        '/transits/{id}',
        '/transits/{id}/accept',
        '/transits/{id}/start',
        '/transits/{id}/cancel',
        '/addresses/{id}',
      ]),
    );
    // What a request meets during a database restart is part of the contract.
    expect(document.paths['/transits'].post.responses['503']).toEqual({
      description: expect.stringContaining('Retry-After'),
    });
  });
});
