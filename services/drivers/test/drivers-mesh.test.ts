import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contracts } from '@cabs/contracts';
import { sendContractEvent, serviceUnderTest, waitFor, type SentContract } from '@cabs/testing';
import { AppModule } from '../src/app.module.js';
import { call, newDriver, type DriverJson } from './drivers-api.js';

describe('the drivers service on the mesh: who is on a ride', () => {
  const drivers = serviceUnderTest(AppModule, { database: 'drivers' });

  const register = async () => (await call(drivers.service.http, 'POST', '/drivers', newDriver())).body;
  const driver = async (id: string) => (await call(drivers.service.http, 'GET', `/drivers/${id}`)).body;
  /** A command or fact about a ride, as transit sends it; `id` fixes the CloudEvent id (to redeliver it). */
  const fromTransit = (contract: SentContract, data: { transitId: string; driverId: string }, id?: string) =>
    sendContractEvent(drivers.service.url, contract, data, {
      id: id ?? randomUUID(),
      source: 'usvc://cabs/transit',
      subject: data.transitId,
    });
  const assigned = (driverId: string, transitId: string, id?: string) =>
    fromTransit(contracts.driverAssigned, { transitId, driverId }, id);
  const freeDriver = (driverId: string, transitId: string, id?: string) =>
    fromTransit(contracts.freeDriver, { driverId, transitId }, id);
  const occupation = (d: DriverJson) => ({ occupied: d.occupied, occupiedBy: d.occupiedBy });

  it('occupies the driver when a ride is accepted, and frees the driver when it is over', async () => {
    const { id } = await register();
    const ride = randomUUID();
    expect((await assigned(id, ride)).status).toBe(202);
    expect(occupation(await driver(id))).toEqual({ occupied: true, occupiedBy: ride });
    expect(
      (await call<DriverJson[]>(drivers.service.http, 'GET', '/drivers?occupied=true&limit=500')).body.map((d) => d.id),
    ).toContain(id);

    expect((await freeDriver(id, ride)).status).toBe(202);
    expect(occupation(await driver(id))).toEqual({ occupied: false, occupiedBy: null });
    expect(
      (await call<DriverJson[]>(drivers.service.http, 'GET', '/drivers?occupied=false&limit=500')).body.map(
        (d) => d.id,
      ),
    ).toContain(id);
  });

  it('states driver-freed about the ride once the driver is free, and the same fact again when asked again', async () => {
    const { id } = await register();
    const ride = randomUUID();
    await assigned(id, ride);
    const delivery = randomUUID();
    expect((await freeDriver(id, ride, delivery)).status).toBe(202);
    const [stated] = await waitFor('driver-freed at the mesh', () => {
      const facts = drivers.sink.ofType(contracts.driverFreed.type).filter((e) => e.subject === ride);
      return facts.length === 1 ? facts : undefined;
    });
    expect(stated).toMatchObject({
      source: 'usvc://cabs/drivers',
      dataschema: contracts.driverFreed.dataschema,
      data: { driverId: id, transitId: ride },
    });

    // The mesh redelivers the command (same id): its inbox absorbs it, nothing is stated again.
    expect((await freeDriver(id, ride, delivery)).status).toBe(202);
    // Transit asks again (a new command): the same fact, same id, in case the first never reached transit.
    expect((await freeDriver(id, ride)).status).toBe(202);
    const again = await waitFor('driver-freed stated again', () => {
      const facts = drivers.sink.ofType(contracts.driverFreed.type).filter((e) => e.subject === ride);
      return facts.length === 2 ? facts : undefined;
    });
    expect(again[1]).toMatchObject({ id: stated.id, data: stated.data });
    expect(occupation(await driver(id))).toEqual({ occupied: false, occupiedBy: null });
  });

  it('applies a redelivered event once, and a repeated free-driver changes nothing', async () => {
    const { id } = await register();
    const [first, second] = [randomUUID(), randomUUID()];
    const assignedFirst = randomUUID();
    expect((await assigned(id, first, assignedFirst)).status).toBe(202);
    const freedFirst = randomUUID();
    expect((await freeDriver(id, first, freedFirst)).status).toBe(202);
    expect((await assigned(id, second)).status).toBe(202);

    // The mesh delivers the first ride's events again (same ids), and transit repeats its free-driver (a new id).
    expect((await assigned(id, first, assignedFirst)).status).toBe(202);
    expect((await freeDriver(id, first, freedFirst)).status).toBe(202);
    expect((await freeDriver(id, first)).status).toBe(202);
    expect(occupation(await driver(id))).toEqual({ occupied: true, occupiedBy: second });
  });

  it('leaves the driver on a newer ride when a late free-driver for an earlier ride arrives', async () => {
    const { id } = await register();
    const [earlier, newer] = [randomUUID(), randomUUID()];
    await assigned(id, earlier);
    await assigned(id, newer);
    expect((await freeDriver(id, earlier)).status).toBe(202);
    expect(occupation(await driver(id))).toEqual({ occupied: true, occupiedBy: newer });
  });

  it('leaves the driver free when the free-driver of a ride overtakes its driver-assigned on the mesh', async () => {
    const { id } = await register();
    const ride = randomUUID();
    expect((await freeDriver(id, ride)).status).toBe(202);
    expect((await assigned(id, ride)).status).toBe(202);
    expect(occupation(await driver(id))).toEqual({ occupied: false, occupiedBy: null });
    // A ride accepted afterwards occupies the driver as usual.
    const next = randomUUID();
    await assigned(id, next);
    expect(occupation(await driver(id))).toEqual({ occupied: true, occupiedBy: next });
  });

  it.each([
    ['free-driver', freeDriver],
    ['driver-assigned', assigned],
  ])('rejects %s for a driver that does not exist with 422, so the mesh dead-letters it', async (_type, send) => {
    const nobody = randomUUID();
    const answer = await send(nobody, randomUUID());
    expect(answer.status).toBe(422);
    expect(((await answer.json()) as { message: string }).message).toBe(`Driver ${nobody} does not exist.`);
  });

  it('answers 400, naming the field, for data that breaks the contract', async () => {
    const { id } = await register();
    const answer = await freeDriver(id, 'not-a-ride');
    expect(answer.status).toBe(400);
    expect(JSON.stringify(await answer.json())).toMatch(/data\/transitId: must be a UUID/);
    expect(occupation(await driver(id))).toEqual({ occupied: false, occupiedBy: null });
  });
});
