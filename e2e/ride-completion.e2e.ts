import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  BrokerAdminClient,
  completeThroughMesh,
  itemsOf,
  PLACES,
  prepareRide,
  registerDrivers,
  requestJson,
  type Driver,
  type Invoice,
  type Notification,
  type Transit,
} from '@cabs/client';
import { waitFor } from '@cabs/testing';
import { cabs } from './support/processes.js';
import { meshConfigWith, startTestSystem, type TestSystem } from './support/test-system.js';

/**
 * The mission, end to end, with every process real: a ride completed through the mesh answers 202 at once and
 * settles (fee, invoice, freed driver, notifications); with invoicing down nothing is lost and every invoice is
 * issued exactly once after it returns; a driver unknown to the fees projection is retried (409) until it catches
 * up; the driver counts as freed once drivers says so; a new destination travels through the mesh into the price.
 */
describe('completing rides over the event mesh', () => {
  let system: TestSystem;
  const url = (service: 'transit' | 'drivers' | 'fees' | 'invoicing' | 'notifications', path: string) =>
    `http://127.0.0.1:${system.ports[service]}${path}`;
  const transit = (id: string) => requestJson<Transit>('GET', url('transit', `/transits/${id}`));
  const invoicesOf = async (transitId: string) =>
    itemsOf(
      await requestJson<Invoice[] | { items: Invoice[] }>('GET', url('invoicing', `/invoices?transitId=${transitId}`)),
    );
  const deliveriesOf = (type: string, subject: string) =>
    new BrokerAdminClient(`http://127.0.0.1:${system.ports.brokerAdmin}`).deliveries({ type, subject });
  const notificationsOf = async (recipient: string) =>
    itemsOf(
      await requestJson<Notification[] | { items: Notification[] }>(
        'GET',
        url('notifications', `/notifications?recipient=${recipient}`),
      ),
    );

  beforeAll(async () => {
    // A retry budget that still spans the outages below, with short first steps so the test is quick.
    system = await startTestSystem({
      meshConfig: meshConfigWith({ retry: 10, backoffPolicy: 'exponential', backoffDelay: 'PT0.02S' }),
    });
    await registerDrivers(system.urls.drivers);
  });
  afterAll(() => system?.stop());
  const dumpLogsOnFailure = () => onTestFailed(() => console.log(system.logs.slice(-150).join('\n')));

  const settled = (id: string) =>
    waitFor(
      `ride ${id} to settle`,
      async () => {
        const t = await transit(id);
        return t.status === 'completed' && t.settlement.fee && t.settlement.invoice && t.settlement.driverFreed
          ? t
          : undefined;
      },
      { timeoutMs: 30_000 },
    );

  it('answers 202 at once, then the fee, the invoice, the freed driver and the notifications settle', async () => {
    dumpLogsOnFailure();
    const ride = await prepareRide(system.urls, 0);
    const answer = await completeThroughMesh(system.urls.ingress, ride);
    expect(answer.status).toBe(202);
    const done = await settled(ride.id);
    expect(done.settlement.fee?.amount).toBeGreaterThan(0);
    expect(done.settlement.invoice?.number).toMatch(/^\d{4}\/\d{6}$/);
    const driver = await requestJson<Driver>('GET', url('drivers', `/drivers/${done.driverId}`));
    expect(driver.occupied).toBe(false);
    await waitFor(
      'the client notified of the completion and the invoice',
      async () => (await notificationsOf(`client:${done.clientId}`)).length >= 2,
    );
    await waitFor(
      'the driver notified of the earnings',
      async () => (await notificationsOf(`driver:${done.driverId}`)).length >= 1,
    );
    expect(await invoicesOf(ride.id)).toHaveLength(1);
  });

  it('with invoicing down, rides still answer 202 and settle their fees; once it is back every invoice is issued exactly once', async () => {
    dumpLogsOnFailure();
    await system.supervisor.stop('invoicing', { kill: true });
    const rides = await Promise.all([1, 2, 3].map((n) => prepareRide(system.urls, n)));
    for (const ride of rides) expect((await completeThroughMesh(system.urls.ingress, ride)).status).toBe(202);
    for (const ride of rides) {
      const withFee = await waitFor(`the fee of ${ride.id}`, async () => {
        const t = await transit(ride.id);
        return t.settlement.fee ? t : undefined;
      });
      expect(withFee.settlement.invoice).toBeNull();
    }
    await system.supervisor.start('invoicing');
    for (const ride of rides) await settled(ride.id);
    for (const ride of rides) expect(await invoicesOf(ride.id)).toHaveLength(1);
  });

  it('retries calculate-fee for a driver the fees projection has not seen yet (409), until it catches up', async () => {
    dumpLogsOnFailure();
    // The newcomer's driver-registered must reach fees only after the fee is asked for: registered while the broker
    // is down, the fact waits in the drivers' outbox, and drivers is down when the ride completes.
    await system.supervisor.stop('broker');
    const newcomer = await requestJson<{ id: string }>('POST', url('drivers', '/drivers'), {
      firstName: 'Katherine',
      lastName: 'Johnson',
      licenseNumber: 'JOHNS818266KJ2VA',
      feeTerms: { type: 'flat', amount: 1500 },
    });
    await requestJson('POST', url('drivers', `/drivers/${newcomer.id}/activate`));
    await system.supervisor.stop('drivers', { kill: true });
    await system.supervisor.start('broker');
    const ride = await requestJson<Transit>('POST', url('transit', '/transits'), {
      clientId: '3f1d2c3b-8a8e-4f57-9d43-7c1e6b7f0a09',
      clientName: 'Dorothy Vaughan',
      // A long ride (Warsaw → Łódź), so the flat 15.00 commission leaves the driver a fee above zero.
      pickup: {
        country: 'Poland',
        city: 'Warsaw',
        street: 'Nowy Świat',
        buildingNumber: '1',
        lat: 52.2297,
        lon: 21.0122,
      },
      destination: {
        country: 'Poland',
        city: 'Łódź',
        street: 'Piotrkowska',
        buildingNumber: '100',
        lat: 51.7592,
        lon: 19.456,
      },
    });
    await requestJson('POST', url('transit', `/transits/${ride.id}/accept`), { driverId: newcomer.id });
    const started = await requestJson<Transit>('POST', url('transit', `/transits/${ride.id}/start`));
    expect((await completeThroughMesh(system.urls.ingress, started)).status).toBe(202);

    const refused = await waitFor('fees to refuse calculate-fee with 409 (projection behind)', async () => {
      const [delivery] = await deliveriesOf('cabs.fees.calculate-fee', ride.id);
      return delivery?.lastStatus === 409 ? delivery : undefined;
    });
    expect(refused).toMatchObject({ trigger: 'fees-calculate-fee', state: 'retrying' });

    await system.supervisor.start('drivers');
    const done = await settled(ride.id);
    // Flat terms: the driver keeps the price less 15.00.
    expect(done.settlement.fee?.amount).toBe((done.price?.amount ?? 0) - 1500);
    // The delivery fees refused is the one that delivered the fee, at a later attempt.
    const [delivered] = await deliveriesOf('cabs.fees.calculate-fee', ride.id);
    expect(delivered).toMatchObject({ id: refused.id, state: 'delivered' });
    expect(delivered.attempts).toBeGreaterThan(refused.attempts);
  });

  it('counts the driver as freed only once drivers says so (driver-freed), not when free-driver is queued', async () => {
    dumpLogsOnFailure();
    const ride = await prepareRide(system.urls, 5);
    await waitFor(
      'the driver on the ride',
      async () =>
        (await requestJson<Driver>('GET', url('drivers', `/drivers/${ride.driverId}`))).occupiedBy === ride.id,
    );
    await system.supervisor.stop('drivers', { kill: true });
    expect((await completeThroughMesh(system.urls.ingress, ride)).status).toBe(202);

    const answered = await waitFor('the fee and the invoice', async () => {
      const t = await transit(ride.id);
      return t.settlement.fee && t.settlement.invoice ? t : undefined;
    });
    expect(answered.settlement).toMatchObject({
      driverFreed: false,
      steps: { fee: 'done', invoice: 'done', driverFreed: 'pending' },
    });

    await system.supervisor.start('drivers');
    const done = await settled(ride.id);
    expect(done.settlement.steps).toEqual({ fee: 'done', invoice: 'done', driverFreed: 'done' });
    expect(await requestJson<Driver>('GET', url('drivers', `/drivers/${ride.driverId}`))).toMatchObject({
      occupied: false,
    });
  });

  it('changes the destination of a ride in transit through the mesh (cabs update-destination), and settles it at the new distance and price', async () => {
    dumpLogsOnFailure();
    const ride = await prepareRide(system.urls, 4);
    const airport = PLACES.find((p) => p.street === 'Żwirki i Wigury');
    expect(airport, 'the demo place the rider goes to instead').toBeDefined();

    const cli = await cabs(['update-destination', ride.id, '--to', 'Żwirki'], {
      CABS_PORT_OFFSET: String(system.ports.transit - 3001),
    });
    expect(cli.code, cli.output).toBe(0);
    expect(cli.output).toMatch(/202 Accepted/);
    expect(cli.output).toMatch(/destination changed: Żwirki i Wigury 1, [\d.]+ km, estimated PLN [\d.]+/);

    // Queued by transit, delivered back to it by its Trigger: the broker saw the command.
    expect(await deliveriesOf('cabs.transit.update-destination', ride.id)).toEqual([
      expect.objectContaining({
        trigger: 'transit-update-destination',
        state: 'delivered',
        event: expect.objectContaining({ source: 'usvc://cabs/transit' }),
      }),
    ]);
    const moved = await transit(ride.id);
    expect(moved).toMatchObject({ status: 'in-transit', destination: airport });
    expect(moved.distanceKm).not.toBe(ride.distanceKm);
    expect(moved.estimatedPrice.amount).not.toBe(ride.estimatedPrice.amount);

    expect((await completeThroughMesh(system.urls.ingress, moved)).status).toBe(202);
    const done = await settled(ride.id);
    expect(done).toMatchObject({ distanceKm: moved.distanceKm, price: moved.estimatedPrice });
    // Fees and invoicing were asked about the new price.
    expect(await requestJson('GET', url('fees', `/fees/${ride.id}`))).toMatchObject({
      transitPrice: moved.estimatedPrice,
      fee: done.settlement.fee,
    });
    expect(await invoicesOf(ride.id)).toEqual([expect.objectContaining({ amount: moved.estimatedPrice })]);
  });
});
