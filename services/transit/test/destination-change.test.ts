import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contracts } from '@cabs/contracts';
import { serviceUnderTest, waitFor } from '@cabs/testing';
import { AppModule } from '../src/app.module.js';
import { AIRPORT, queuedAbout, TransitApi } from './support/rides.js';

describe('POST /transits/:id/destination: the rider changes where the ride goes, through the mesh', () => {
  const transit = serviceUnderTest(AppModule, { database: 'transit' });
  const api = new TransitApi(transit);

  it('answers 202 and queues update-destination about the ride; the ride changes when the mesh delivers it', async () => {
    const ride = await api.inTransit();
    const answer = await api.call('POST', `/transits/${ride.id}/destination`, { destination: AIRPORT });
    expect(answer.status).toBe(202);
    expect(answer.headers.location).toBe(`/transits/${ride.id}`);
    expect(answer.body).toEqual({
      transitId: ride.id,
      destination: AIRPORT,
      command: 'cabs.transit.update-destination',
    });
    // Only queued: nothing changes until the command comes back through the mesh.
    expect((await api.read(ride.id)).destination).toEqual(ride.destination);

    const sent = await waitFor('update-destination at the mesh', () =>
      transit.sink.ofType(contracts.updateDestination.type).find((e) => e.subject === ride.id),
    );
    expect(sent).toMatchObject({
      source: 'usvc://cabs/transit',
      dataschema: contracts.updateDestination.dataschema,
      data: { transitId: ride.id, destination: AIRPORT },
    });

    expect((await api.deliver(contracts.updateDestination, sent.data)).status).toBe(202);
    // 9.480 km × 1.00 + 9.00
    expect(await api.read(ride.id)).toMatchObject({
      status: 'in-transit',
      destination: AIRPORT,
      distanceKm: 9.48,
      estimatedPrice: { amount: 1848 },
    });
  });

  it('answers 400 naming the field for a malformed body or id, and queues nothing', async () => {
    const ride = await api.request();
    const noCity = await api.call('POST', `/transits/${ride.id}/destination`, {
      destination: { ...AIRPORT, city: undefined },
    });
    expect(noCity.status).toBe(400);
    expect(JSON.stringify(noCity.body.message)).toMatch(/destination: missing required property 'city'/);
    const noBody = await api.call('POST', `/transits/${ride.id}/destination`);
    expect(noBody.status).toBe(400);
    const latitude = await api.call('POST', `/transits/${ride.id}/destination`, {
      destination: { ...AIRPORT, lat: 91 },
    });
    expect(latitude.status).toBe(400);
    expect(JSON.stringify(latitude.body.message)).toMatch(/destination\/lat/);
    expect((await api.call('POST', '/transits/ride-1/destination', { destination: AIRPORT })).status).toBe(400);
    expect(await queuedAbout(transit.db, ride.id)).toEqual([]);
  });

  it('answers 404 for an unknown ride and 409, saying why, for a completed or cancelled one', async () => {
    const unknown = randomUUID();
    expect(await api.call('POST', `/transits/${unknown}/destination`, { destination: AIRPORT })).toMatchObject({
      status: 404,
      body: { message: `Transit ${unknown} does not exist.` },
    });

    const completed = await api.inTransit();
    expect((await api.complete(completed.id, completed.destination)).status).toBe(202);
    expect(await api.call('POST', `/transits/${completed.id}/destination`, { destination: AIRPORT })).toMatchObject({
      status: 409,
      body: {
        message: `Cannot change the destination of transit ${completed.id}: it is completed; the destination can change only until the transit is completed or cancelled.`,
      },
    });

    const cancelled = await api.request();
    await api.expect(200, 'POST', `/transits/${cancelled.id}/cancel`);
    expect((await api.call('POST', `/transits/${cancelled.id}/destination`, { destination: AIRPORT })).status).toBe(
      409,
    );
    expect((await queuedAbout(transit.db, cancelled.id)).map((e) => e.type)).not.toContain(
      contracts.updateDestination.type,
    );
  });

  it('documents the route in its OpenAPI document', async () => {
    const document = (await (await fetch(`${transit.service.url}/openapi.json`)).json()) as {
      paths: Record<string, { post?: { responses: Record<string, unknown>; requestBody?: unknown } }>;
    };
    const route = document.paths['/transits/{id}/destination']?.post;
    expect(Object.keys(route?.responses ?? {}).sort()).toEqual(['202', '400', '404', '409', '503']);
    expect(route?.requestBody).toBeDefined();
  });
});
