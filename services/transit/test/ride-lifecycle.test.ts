import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contracts, type ReadTransit } from '@cabs/contracts';
import { serviceUnderTest, waitFor } from '@cabs/testing';
import { AppModule } from '../src/app.module.js';
import { queuedAbout, TransitApi } from './support/rides.js';

describe('accepting, starting and cancelling rides, over real HTTP on a real PostgreSQL', () => {
  const transit = serviceUnderTest(AppModule, { database: 'transit' });
  const api = new TransitApi(transit);

  it('lets a driver accept a requested ride and states driver-assigned on the mesh', async () => {
    const { id } = await api.request();
    const driverId = randomUUID();

    const accepted = await api.expect(200, 'POST', `/transits/${id}/accept`, { driverId });
    expect(accepted).toMatchObject({ id, status: 'driver-assigned', driverId });

    const published = await waitFor('driver-assigned at the mesh', () =>
      transit.sink.ofType(contracts.driverAssigned.type).find((e) => e.subject === id),
    );
    expect(published).toMatchObject({
      source: 'usvc://cabs/transit',
      dataschema: contracts.driverAssigned.dataschema,
      data: { transitId: id, driverId },
    });
  });

  it('gives a ride to exactly one of two drivers accepting it at once; the other gets 409', async () => {
    const { id } = await api.request();
    const answers = await Promise.all(
      [randomUUID(), randomUUID()].map((driverId) =>
        api.call<ReadTransit>('POST', `/transits/${id}/accept`, { driverId }),
      ),
    );

    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const [winner, loser] = answers[0].status === 200 ? answers : [answers[1], answers[0]];
    expect((loser.body as unknown as { message: string }).message).toBe(
      `Cannot accept transit ${id}: it is driver-assigned; only a requested transit can be accepted by a driver.`,
    );
    expect((await api.read(id)).driverId).toBe(winner.body.driverId);
    expect(await queuedAbout(transit.db, id)).toEqual([
      { type: contracts.driverAssigned.type, data: { transitId: id, driverId: winner.body.driverId } },
    ]);
  });

  it('starts an accepted ride, recording when', async () => {
    const { id } = await api.request();
    await api.expect(200, 'POST', `/transits/${id}/accept`, { driverId: randomUUID() });
    const before = Date.now();

    const started = await api.expect(200, 'POST', `/transits/${id}/start`);
    expect(started.status).toBe('in-transit');
    expect(Date.parse(String(started.startedAt))).toBeGreaterThanOrEqual(before - 1);
    expect(await api.read(id)).toEqual(started);
  });

  it('answers 409, saying why, to a start or an accept the status does not allow', async () => {
    const { id } = await api.request();
    expect(await api.call('POST', `/transits/${id}/start`)).toMatchObject({
      status: 409,
      body: {
        message: `Cannot start transit ${id}: it is requested; a transit starts once a driver has accepted it.`,
        code: 'transition-not-allowed',
      },
    });
    const ride = await api.inTransit();
    expect((await api.call('POST', `/transits/${ride.id}/start`)).status).toBe(409);
    expect((await api.call('POST', `/transits/${ride.id}/accept`, { driverId: randomUUID() })).status).toBe(409);
  });

  it('cancels a requested ride without a word to anyone', async () => {
    const { id } = await api.request();
    expect(await api.expect(200, 'POST', `/transits/${id}/cancel`)).toMatchObject({ id, status: 'cancelled' });
    expect(await queuedAbout(transit.db, id)).toEqual([]);
  });

  it('cancels an accepted ride and frees its driver', async () => {
    const { id } = await api.request();
    const driverId = randomUUID();
    await api.expect(200, 'POST', `/transits/${id}/accept`, { driverId });

    expect(await api.expect(200, 'POST', `/transits/${id}/cancel`)).toMatchObject({ status: 'cancelled', driverId });
    const freed = await waitFor('free-driver at the mesh', () =>
      transit.sink.ofType(contracts.freeDriver.type).find((e) => e.subject === id),
    );
    expect(freed.data).toEqual({ driverId, transitId: id });
  });

  it('refuses to cancel a ride once it has started, or twice', async () => {
    const ride = await api.inTransit();
    expect(await api.call('POST', `/transits/${ride.id}/cancel`)).toMatchObject({
      status: 409,
      body: {
        message: `Cannot cancel transit ${ride.id}: it is in-transit; a transit can be cancelled only before it starts.`,
      },
    });
    const { id } = await api.request();
    await api.expect(200, 'POST', `/transits/${id}/cancel`);
    expect((await api.call('POST', `/transits/${id}/cancel`)).status).toBe(409);
  });

  it('answers 400 to a malformed id or body, and 404 to a ride it does not know', async () => {
    const { id } = await api.request();
    const noBody = await api.call('POST', `/transits/${id}/accept`);
    expect(noBody.status).toBe(400);
    expect(String(noBody.body.message)).toMatch(/body: must be an object \(got nothing\)/);
    const badDriver = await api.call('POST', `/transits/${id}/accept`, { driverId: 'bob' });
    expect(badDriver.status).toBe(400);
    expect(String(badDriver.body.message)).toMatch(/body\/driverId: must be a UUID/);
    expect((await api.call('POST', '/transits/bob/start')).status).toBe(400);

    const unknown = randomUUID();
    for (const step of ['start', 'cancel']) {
      expect(await api.call('POST', `/transits/${unknown}/${step}`)).toMatchObject({
        status: 404,
        body: { message: `Transit ${unknown} does not exist.` },
      });
    }
    expect((await api.call('POST', `/transits/${unknown}/accept`, { driverId: randomUUID() })).status).toBe(404);
    expect((await api.read(id)).status).toBe('requested');
  });
});
