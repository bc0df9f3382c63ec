import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contracts } from '@cabs/contracts';
import { serviceUnderTest, waitFor } from '@cabs/testing';
import { AppModule } from '../src/app.module.js';
import {
  aRide,
  calculateFee,
  DEFAULT_TERMS,
  driverRegistered,
  feeTermsChanged,
  getJson,
  knownDriver,
  legacyCalculateFee,
  pln,
} from './fees-events.js';

describe("fees on the mesh: calculate-fee from its own projection of the drivers' terms", () => {
  const fees = serviceUnderTest(AppModule, { database: 'fees' });

  const feeOf = (transitId: string) => getJson<{ fee: { amount: number } }>(fees.service.http, `/fees/${transitId}`);
  const termsOf = (driverId: string) =>
    getJson<{ feeTerms: unknown }>(fees.service.http, `/drivers/${driverId}/fee-terms`);
  const count = async (sql: string, ...params: unknown[]) =>
    (await fees.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0].n as number;
  const statedFees = (transitId: string) =>
    count('mesh_outbox WHERE type = $1 AND subject = $2', contracts.driverFeeCalculated.type, transitId);
  const messageOf = async (res: Response) => ((await res.json()) as { message: string | string[] }).message;

  describe('the examples of docs/domain.md, end to end', () => {
    it.each([
      ['price 51.00, default terms', 5100, DEFAULT_TERMS, 4998],
      ['flat 10.00 on 60.00', 6000, { type: 'flat', amount: 1000 } as const, 5000],
      ['percentage 5000 on 80.00', 8000, { type: 'percentage', amount: 5000 } as const, 4000],
      ['percentage 700 with min 5.00 on 10.00', 1000, { type: 'percentage', amount: 700, min: 500 } as const, 930],
    ])('%s → the driver earns %i', async (_case, price, terms, earned) => {
      const ride = aRide(await knownDriver(fees.service.url, terms), price);
      expect((await calculateFee(fees.service.url, ride)).status).toBe(202);

      const [stated] = await waitFor('driver-fee-calculated at the mesh', () => {
        const found = fees.sink.ofType(contracts.driverFeeCalculated.type).filter((e) => e.subject === ride.transitId);
        return found.length ? found : undefined;
      });
      expect(stated).toMatchObject({
        source: 'usvc://cabs/fees',
        dataschema: contracts.driverFeeCalculated.dataschema,
        data: {
          transitId: ride.transitId,
          driverId: ride.driverId,
          fee: pln(earned),
          transitPrice: pln(price),
          completedAt: ride.completedAt,
        },
      });
      expect((await feeOf(ride.transitId)).body).toMatchObject({
        fee: pln(earned),
        transitPrice: pln(price),
        feeTerms: terms,
      });
    });
  });

  describe('a driver the projection has not seen yet', () => {
    it('answers 409 so the mesh retries, and calculates the fee once the registration has arrived', async () => {
      const driverId = randomUUID();
      const ride = aRide(driverId, 5100);
      const delivery = { id: randomUUID() };

      const tooEarly = await calculateFee(fees.service.url, ride, delivery);
      expect(tooEarly.status).toBe(409);
      expect(await messageOf(tooEarly)).toBe(
        `Driver ${driverId} is not in the fees projection yet; the mesh will retry`,
      );
      expect((await feeOf(ride.transitId)).status).toBe(404);

      await driverRegistered(fees.service.url, {
        driverId,
        name: 'Katherine Johnson',
        feeTerms: { type: 'flat', amount: 1500 },
      });
      // The mesh's retry: the same event, delivered again.
      expect((await calculateFee(fees.service.url, ride, delivery)).status).toBe(202);
      expect((await feeOf(ride.transitId)).body.fee).toEqual(pln(3600));
      expect(await statedFees(ride.transitId)).toBe(1);
    });

    it('keeps a change of terms waiting (409) until the registration has arrived', async () => {
      const driverId = randomUUID();
      const change = { id: randomUUID(), time: '2026-03-02T10:00:00.000Z' };
      const early = await feeTermsChanged(
        fees.service.url,
        { driverId, feeTerms: { type: 'flat', amount: 700 } },
        change,
      );
      expect(early.status).toBe(409);
      expect((await termsOf(driverId)).status).toBe(404);

      await driverRegistered(
        fees.service.url,
        { driverId, name: 'Jan Kowalski', feeTerms: DEFAULT_TERMS },
        { time: '2026-03-01T10:00:00.000Z' },
      );
      expect(
        (await feeTermsChanged(fees.service.url, { driverId, feeTerms: { type: 'flat', amount: 700 } }, change)).status,
      ).toBe(202);
      expect((await termsOf(driverId)).body.feeTerms).toEqual({ type: 'flat', amount: 700 });
    });
  });

  describe('changes of terms', () => {
    it('apply to the fees calculated afterwards, not to those already calculated', async () => {
      const driverId = await knownDriver(fees.service.url);
      const before = aRide(driverId, 6000);
      await calculateFee(fees.service.url, before);
      expect(
        (await feeTermsChanged(fees.service.url, { driverId, feeTerms: { type: 'flat', amount: 1000 } })).status,
      ).toBe(202);
      const after = aRide(driverId, 6000);
      await calculateFee(fees.service.url, after);
      expect((await feeOf(before.transitId)).body.fee).toEqual(pln(5880));
      expect((await feeOf(after.transitId)).body.fee).toEqual(pln(5000));
    });

    it('an older change delivered late does not undo a newer one', async () => {
      const driverId = await knownDriver(fees.service.url);
      await feeTermsChanged(
        fees.service.url,
        { driverId, feeTerms: { type: 'percentage', amount: 5000 } },
        { time: '2030-01-02T00:00:00.000Z' },
      );
      expect(
        (
          await feeTermsChanged(
            fees.service.url,
            { driverId, feeTerms: { type: 'flat', amount: 300 } },
            { time: '2030-01-01T00:00:00.000Z' },
          )
        ).status,
      ).toBe(202);
      expect((await termsOf(driverId)).body.feeTerms).toEqual({ type: 'percentage', amount: 5000 });
    });
  });

  describe('once per ride', () => {
    it('applies a redelivered calculate-fee once: one fee, one fact, earnings counted once', async () => {
      const ride = aRide(await knownDriver(fees.service.url), 5100);
      const delivery = { id: randomUUID() };
      const answers = await Promise.all([1, 2, 3].map(() => calculateFee(fees.service.url, ride, delivery)));
      expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
      expect(await count('fees WHERE transit_id = $1', ride.transitId)).toBe(1);
      expect(await statedFees(ride.transitId)).toBe(1);
      const earnings = await getJson<{ rides: number }>(
        fees.service.http,
        `/drivers/${ride.driverId}/earnings?month=2026-03`,
      );
      expect(earnings.body.rides).toBe(1);
    });

    it('answers a second calculate-fee for a ride that has its fee, even with another price, with the same fact again', async () => {
      const ride = aRide(await knownDriver(fees.service.url), 5100);
      await calculateFee(fees.service.url, ride);
      expect((await calculateFee(fees.service.url, { ...ride, transitPrice: pln(9900) })).status).toBe(202);
      expect((await feeOf(ride.transitId)).body.fee).toEqual(pln(4998));
      expect(await statedFees(ride.transitId)).toBe(1);
      // Published a second time, unchanged (same id, same fee), in case the first never reached transit.
      const published = await waitFor('the fee to be stated again', () => {
        const events = fees.sink.ofType(contracts.driverFeeCalculated.type).filter((e) => e.subject === ride.transitId);
        return events.length === 2 ? events : undefined;
      });
      expect(published[1]).toMatchObject({ id: published[0].id, data: published[0].data });
    });

    it('makes one fee of different commands for the same ride arriving at the same time', async () => {
      const ride = aRide(await knownDriver(fees.service.url), 5100);
      const answers = await Promise.all([1, 2, 3].map(() => calculateFee(fees.service.url, ride)));
      expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
      expect(await count('fees WHERE transit_id = $1', ride.transitId)).toBe(1);
      expect(await statedFees(ride.transitId)).toBe(1);
    });

    it("adds up the driver's rides settled at the same moment", async () => {
      const driverId = await knownDriver(fees.service.url);
      const answers = await Promise.all(
        [1, 2, 3, 4, 5].map(() => calculateFee(fees.service.url, aRide(driverId, 5100, '2026-02-10T12:00:00Z'))),
      );
      expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
      const earnings = await getJson(fees.service.http, `/drivers/${driverId}/earnings?month=2026-02`);
      expect(earnings.body).toEqual({ driverId, month: '2026-02', earnings: pln(5 * 4998), rides: 5 });
    });
  });

  describe('commands fees can never carry out', () => {
    it('rejects a price in another currency with 422, so the mesh dead-letters it', async () => {
      const ride = {
        ...aRide(await knownDriver(fees.service.url), 5100),
        transitPrice: { amount: 5100, currency: 'EUR' },
      };
      const answer = await calculateFee(fees.service.url, ride);
      expect(answer.status).toBe(422);
      expect(await messageOf(answer)).toBe('Fees are settled in PLN; a transit priced in EUR cannot be settled.');
      expect((await feeOf(ride.transitId)).status).toBe(404);
    });

    it('answers 400, naming the field, for data that breaks the contract', async () => {
      const answer = await calculateFee(fees.service.url, {
        ...aRide(randomUUID(), 5100),
        transitPrice: { amount: 51.5, currency: 'PLN' },
      });
      expect(answer.status).toBe(400);
      expect(await messageOf(answer)).toEqual([
        expect.stringMatching(/data\/transitPrice\/amount: must be an integer/),
      ]);
    });
  });

  describe("the legacy app's calculate-fee", () => {
    const legacyId = 4242;

    it('answers with driver-fee for the same subject, through the legacy id, and the same answer when asked again', async () => {
      await knownDriver(fees.service.url, { type: 'flat', amount: 1000 }, legacyId);
      const request = { id: randomUUID(), subject: randomUUID() };
      const first = await legacyCalculateFee(
        fees.service.url,
        { 'driver-id': legacyId, 'transit-price': 6000 },
        request,
      );
      expect(first.status).toBe(200);
      expect(first.headers.get('ce-type')).toBe(contracts.legacyDriverFee.type);
      expect(first.headers.get('ce-subject')).toBe(request.subject);
      expect(await first.json()).toEqual({ 'driver-id': legacyId, fee: 5000 });

      const again = await legacyCalculateFee(
        fees.service.url,
        { 'driver-id': legacyId, 'transit-price': 6000 },
        request,
      );
      expect(again.status).toBe(200);
      expect(again.headers.get('ce-id')).toBe(first.headers.get('ce-id'));
      expect(await again.json()).toEqual({ 'driver-id': legacyId, fee: 5000 });
    });

    it('answers 409 for a legacy id the projection has not seen yet', async () => {
      const answer = await legacyCalculateFee(fees.service.url, { 'driver-id': 777_001, 'transit-price': 6000 });
      expect(answer.status).toBe(409);
      expect(await messageOf(answer)).toBe(
        'The driver with legacy id 777001 is not in the fees projection yet; the mesh will retry',
      );
    });
  });
});
