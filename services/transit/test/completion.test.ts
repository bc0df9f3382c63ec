import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contracts, issueInvoiceV2 } from '@cabs/contracts';
import { serviceUnderTest, waitFor } from '@cabs/testing';
import { AppModule } from '../src/app.module.js';
import {
  AIRPORT,
  feeCalculated,
  invoiceIssued,
  MOKOTOW,
  NO_COORDINATES,
  queuedAbout,
  TransitApi,
} from './support/rides.js';

const FOLLOW_UPS = [
  contracts.calculateFee.type,
  contracts.issueInvoice.type,
  contracts.freeDriver.type,
  contracts.transitCompleted.type,
];

describe('completing rides over the mesh, and their settlement filling in', () => {
  const transit = serviceUnderTest(AppModule, { database: 'transit' });
  const api = new TransitApi(transit);
  const typesQueuedAbout = async (id: string) => (await queuedAbout(transit.db, id)).map((e) => e.type);

  describe('complete-transit', () => {
    it('completes a ride in transit at once (202) and queues the fee, the invoice, the freed driver and the fact, about the ride', async () => {
      const ride = await api.inTransit();
      const res = await api.complete(ride.id, ride.destination);
      expect(res.status).toBe(202);
      expect(await res.text()).toBe('');

      const completed = await api.read(ride.id);
      expect(completed).toMatchObject({
        status: 'completed',
        price: { amount: 1229, currency: 'PLN' },
        distanceKm: 3.294,
        tariff: 'standard',
      });
      expect(completed.settlement).toEqual({
        fee: null,
        invoice: null,
        driverFreed: false,
        steps: { fee: 'pending', invoice: 'pending', driverFreed: 'pending' },
        reconcileRounds: 0,
      });

      const published = await waitFor('the four follow-ups at the mesh', () => {
        const about = transit.sink.received
          .map((r) => r.event)
          .filter((e) => e.subject === ride.id && e.type !== contracts.driverAssigned.type);
        return about.length === 4 ? about : undefined;
      });
      const byType = Object.fromEntries(published.map((e) => [e.type, e.data]));
      const price = { amount: 1229, currency: 'PLN' };
      expect(Object.keys(byType).sort()).toEqual([...FOLLOW_UPS].sort());
      expect(byType[contracts.calculateFee.type]).toEqual({
        transitId: ride.id,
        driverId: ride.driverId,
        transitPrice: price,
        completedAt: completed.completedAt,
      });
      expect(byType[contracts.issueInvoice.type]).toEqual({
        transitId: ride.id,
        clientId: ride.clientId,
        clientName: 'Ada Kowalska',
        gross: price,
        taxRate: { basisPoints: 800 },
      });
      expect(published.find((e) => e.type === contracts.issueInvoice.type)?.dataschema).toBe(issueInvoiceV2.dataschema);
      expect(byType[contracts.freeDriver.type]).toEqual({ driverId: ride.driverId, transitId: ride.id });
      expect(byType[contracts.transitCompleted.type]).toEqual({
        transitId: ride.id,
        clientId: ride.clientId,
        driverId: ride.driverId,
        price,
        distanceKm: 3.294,
        tariff: 'standard',
        completedAt: completed.completedAt,
      });
    });

    it('queues the follow-ups once, whether the command is redelivered or sent again', async () => {
      const ride = await api.inTransit();
      const eventId = randomUUID();
      expect((await api.complete(ride.id, ride.destination, { id: eventId })).status).toBe(202);
      const completedAt = (await api.read(ride.id)).completedAt;

      expect((await api.complete(ride.id, ride.destination, { id: eventId })).status).toBe(202);
      // A new command naming the same destination: the rider's app pressed "complete" twice.
      expect((await api.complete(ride.id, { ...MOKOTOW })).status).toBe(202);

      expect(await typesQueuedAbout(ride.id)).toEqual([contracts.driverAssigned.type, ...FOLLOW_UPS]);
      expect((await api.read(ride.id)).completedAt).toBe(completedAt);
    });

    it('ends the ride where the rider got out: new distance and price, the planned address still readable', async () => {
      const ride = await api.inTransit();
      expect((await api.complete(ride.id, AIRPORT)).status).toBe(202);

      const completed = await api.read(ride.id);
      // 9.480 km × 1.00 + 9.00
      expect(completed).toMatchObject({
        destination: AIRPORT,
        distanceKm: 9.48,
        price: { amount: 1848, currency: 'PLN' },
      });
      expect(completed.destination.id).not.toBe(ride.destination.id);
      expect(await api.expect(200, 'GET', `/addresses/${ride.destination.id}`)).toEqual(ride.destination);
    });

    it('rejects for good (422) a second completion elsewhere, and queues nothing more', async () => {
      const ride = await api.inTransit();
      expect((await api.complete(ride.id, ride.destination)).status).toBe(202);

      const elsewhere = await api.complete(ride.id, AIRPORT);
      expect(elsewhere.status).toBe(422);
      expect(((await elsewhere.json()) as { message: string }).message).toMatch(
        /already completed at another destination/,
      );
      expect(await typesQueuedAbout(ride.id)).toEqual([contracts.driverAssigned.type, ...FOLLOW_UPS]);
    });

    it('rejects for good (422), saying why, a ride that is not in transit, and queues nothing', async () => {
      const requested = await api.request();
      const res = await api.complete(requested.id, requested.destination);
      expect(res.status).toBe(422);
      expect(((await res.json()) as { message: string }).message).toBe(
        `Cannot complete transit ${requested.id}: it is requested; only a transit in progress can be completed.`,
      );
      expect((await api.read(requested.id)).status).toBe('requested');
      expect(await queuedAbout(transit.db, requested.id)).toEqual([]);

      const cancelled = await api.request();
      await api.expect(200, 'POST', `/transits/${cancelled.id}/cancel`);
      expect((await api.complete(cancelled.id, cancelled.destination)).status).toBe(422);
    });

    it('rejects for good (422) a ride it does not know: transits are created here, so it will never appear', async () => {
      const unknown = randomUUID();
      const res = await api.complete(unknown, MOKOTOW);
      expect(res.status).toBe(422);
      expect(((await res.json()) as { message: string }).message).toBe(`Transit ${unknown} does not exist.`);
    });

    it('answers 400, naming the fields, to data that breaks the contract', async () => {
      const ride = await api.inTransit();
      const res = await api.deliver(
        contracts.completeTransit,
        { transitId: 'ride-1', destination: { ...MOKOTOW, city: undefined } },
        { subject: ride.id },
      );
      expect(res.status).toBe(400);
      const messages = ((await res.json()) as { message: string[] }).message.join('\n');
      expect(messages).toMatch(/data\/transitId: must be a UUID/);
      expect(messages).toMatch(/data\/destination: missing required property 'city'/);
      expect((await api.read(ride.id)).status).toBe('in-transit');
    });
  });

  describe('update-destination', () => {
    it('recomputes the distance and the estimate of a ride not yet completed', async () => {
      const ride = await api.request();
      expect(
        (await api.deliver(contracts.updateDestination, { transitId: ride.id, destination: AIRPORT })).status,
      ).toBe(202);
      expect(await api.read(ride.id)).toMatchObject({
        destination: AIRPORT,
        distanceKm: 9.48,
        estimatedPrice: { amount: 1848 },
        status: 'requested',
      });

      // Without coordinates: the default 42 km, and the read model says so.
      const moving = await api.inTransit();
      expect(
        (await api.deliver(contracts.updateDestination, { transitId: moving.id, destination: NO_COORDINATES })).status,
      ).toBe(202);
      expect(await api.read(moving.id)).toMatchObject({
        distanceKm: 42,
        distanceSource: 'fallback',
        estimatedPrice: { amount: 5100 },
      });
    });

    it('rejects for good (422) a completed ride or an unknown one', async () => {
      const ride = await api.inTransit();
      await api.complete(ride.id, ride.destination);
      const late = await api.deliver(contracts.updateDestination, { transitId: ride.id, destination: AIRPORT });
      expect(late.status).toBe(422);
      expect(((await late.json()) as { message: string }).message).toMatch(
        /it is completed; the destination can change only until/,
      );
      expect((await api.read(ride.id)).destination).toEqual(ride.destination);

      expect(
        (await api.deliver(contracts.updateDestination, { transitId: randomUUID(), destination: AIRPORT })).status,
      ).toBe(422);
    });
  });

  describe('the settlement, as the answers arrive', () => {
    it('shows the fee, then the invoice, then the freed driver, each step done as its answer arrives', async () => {
      const ride = await api.completed();

      expect((await api.deliver(contracts.driverFeeCalculated, feeCalculated(ride, 1204))).status).toBe(202);
      expect((await api.read(ride.id)).settlement).toEqual({
        fee: { amount: 1204, currency: 'PLN' },
        invoice: null,
        driverFreed: false,
        steps: { fee: 'done', invoice: 'pending', driverFreed: 'pending' },
        reconcileRounds: 0,
      });

      const invoice = invoiceIssued(ride, '2026/000042');
      expect((await api.deliver(contracts.invoiceIssued, invoice)).status).toBe(202);
      expect((await api.read(ride.id)).settlement).toMatchObject({
        invoice: { id: invoice.invoiceId, number: '2026/000042' },
        driverFreed: false,
      });

      // Only drivers can say the driver is free: the free-driver queued at completion is not enough.
      expect((await api.deliver(contracts.driverFreed, { driverId: ride.driverId, transitId: ride.id })).status).toBe(
        202,
      );
      expect((await api.read(ride.id)).settlement).toEqual({
        fee: { amount: 1204, currency: 'PLN' },
        invoice: { id: invoice.invoiceId, number: '2026/000042' },
        driverFreed: true,
        steps: { fee: 'done', invoice: 'done', driverFreed: 'done' },
        reconcileRounds: 0,
      });
    });

    it('shows the invoice even when it arrives before the fee', async () => {
      const ride = await api.completed();
      expect((await api.deliver(contracts.invoiceIssued, invoiceIssued(ride, '2026/000043'))).status).toBe(202);
      expect((await api.read(ride.id)).settlement).toMatchObject({
        fee: null,
        invoice: { number: '2026/000043' },
        steps: { fee: 'pending', invoice: 'done' },
      });
    });

    it('asks the mesh to retry (409) an answer about a ride it does not know, so the answer is not lost', async () => {
      const ride = await api.completed();
      const unknown = { ...ride, id: randomUUID() };
      const fee = await api.deliver(contracts.driverFeeCalculated, feeCalculated(unknown, 1204));
      expect(fee.status).toBe(409);
      expect(((await fee.json()) as { message: string }).message).toBe(
        `Transit ${unknown.id} is not known here yet; retry later`,
      );
      expect((await api.deliver(contracts.invoiceIssued, invoiceIssued(unknown, '2026/000044'))).status).toBe(409);
      expect(
        (await api.deliver(contracts.driverFreed, { driverId: ride.driverId, transitId: unknown.id })).status,
      ).toBe(409);
    });

    it('answers 400 to an answer that breaks its contract, and records nothing', async () => {
      const ride = await api.completed();
      const res = await api.deliver(contracts.driverFeeCalculated, {
        ...feeCalculated(ride, 1204),
        fee: { amount: 12.04, currency: 'PLN' },
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string[] }).message.join('\n')).toMatch(
        /data\/fee\/amount: must be an integer/,
      );
      expect((await api.read(ride.id)).settlement.fee).toBeNull();
    });
  });
});
