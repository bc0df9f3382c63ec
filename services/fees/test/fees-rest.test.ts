import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { serviceUnderTest } from '@cabs/testing';
import { AppModule } from '../src/app.module.js';
import { aRide, calculateFee, getJson, knownDriver, pln } from './fees-events.js';

describe('the fees REST API: fees per ride, earnings per month, the projection of terms', () => {
  // No K_SINK: what fees states stays in its outbox, which these queries do not need.
  const fees = serviceUnderTest(AppModule, { database: 'fees', env: { K_SINK: undefined } });
  const get = <T = Record<string, unknown>>(path: string) => getJson<T>(fees.service.http, path);
  const messageOf = (answer: { body: unknown }) =>
    [(answer.body as { message: string | string[] }).message].flat().join('\n');

  describe('GET /fees/:transitId', () => {
    it("shows the ride's fee with the price and the terms it was calculated with", async () => {
      const driverId = await knownDriver(fees.service.url, { type: 'percentage', amount: 700, min: 500 });
      const ride = aRide(driverId, 1000, '2026-03-14T09:30:00.000Z');
      await calculateFee(fees.service.url, ride);
      const { status, body } = await get(`/fees/${ride.transitId}`);
      expect(status).toBe(200);
      expect(body).toEqual({
        transitId: ride.transitId,
        driverId,
        fee: pln(930),
        transitPrice: pln(1000),
        feeTerms: { type: 'percentage', amount: 700, min: 500 },
        completedAt: '2026-03-14T09:30:00.000Z',
        month: '2026-03',
        calculatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      });
    });

    it('answers 404 until the fee is calculated, and 400 for an id that is not a UUID', async () => {
      const transitId = randomUUID();
      const missing = await get(`/fees/${transitId}`);
      expect(missing.status).toBe(404);
      expect(messageOf(missing)).toBe(`No fee has been calculated for transit ${transitId} (yet).`);
      const malformed = await get('/fees/ride-1');
      expect(malformed.status).toBe(400);
      expect(messageOf(malformed)).toMatch(/params\/transitId: must be a UUID/);
    });
  });

  describe('GET /drivers/:driverId/earnings', () => {
    it('sums the fees of the rides completed in each calendar month, on the company clock', async () => {
      const driverId = await knownDriver(fees.service.url);
      await calculateFee(fees.service.url, aRide(driverId, 5100, '2026-03-10T10:00:00Z')); // 49.98
      await calculateFee(fees.service.url, aRide(driverId, 1000, '2026-03-31T21:59:00Z')); // 9.80, 23:59 in Warsaw
      await calculateFee(fees.service.url, aRide(driverId, 8000, '2026-03-31T22:30:00Z')); // 78.40, already 1 April in Warsaw

      expect((await get(`/drivers/${driverId}/earnings?month=2026-03`)).body).toEqual({
        driverId,
        month: '2026-03',
        earnings: pln(5978),
        rides: 2,
      });
      expect((await get(`/drivers/${driverId}/earnings?month=2026-04`)).body).toEqual({
        driverId,
        month: '2026-04',
        earnings: pln(7840),
        rides: 1,
      });
    });

    it('answers zero for a known driver without rides in the month, and the current month by default', async () => {
      const driverId = await knownDriver(fees.service.url);
      expect((await get(`/drivers/${driverId}/earnings?month=2026-05`)).body).toEqual({
        driverId,
        month: '2026-05',
        earnings: pln(0),
        rides: 0,
      });
      const current = await get<{ month: string; rides: number }>(`/drivers/${driverId}/earnings`);
      expect(current.status).toBe(200);
      const warsawMonth = new Intl.DateTimeFormat('en-CA', {
        timeZone: 'Europe/Warsaw',
        year: 'numeric',
        month: '2-digit',
      })
        .format(new Date())
        .slice(0, 7);
      expect(current.body).toMatchObject({ month: warsawMonth, rides: 0 });
    });

    it.each([
      ['2026-13', /"2026-13" is not a month: expected YYYY-MM, e.g. 2026-03/],
      ['March', /"March" is not a month/],
    ])('answers 400 for the month %s', async (month, message) => {
      const driverId = await knownDriver(fees.service.url);
      const answer = await get(`/drivers/${driverId}/earnings?month=${month}`);
      expect(answer.status).toBe(400);
      expect(messageOf(answer)).toMatch(message);
    });

    it('answers 400 for an unknown parameter or a malformed id, and 404 for a driver fees has not heard of', async () => {
      const driverId = await knownDriver(fees.service.url);
      const typo = await get(`/drivers/${driverId}/earnings?mnth=2026-03`);
      expect(typo.status).toBe(400);
      expect(messageOf(typo)).toMatch(/query\/mnth: unexpected property/);
      expect((await get('/drivers/7/earnings?month=2026-03')).status).toBe(400);

      const stranger = randomUUID();
      const unknown = await get(`/drivers/${stranger}/earnings?month=2026-03`);
      expect(unknown.status).toBe(404);
      expect(messageOf(unknown)).toBe(
        `Driver ${stranger} is not known to fees: no driver-registered fact has arrived for it.`,
      );
    });
  });

  describe('GET /drivers/:driverId/fee-terms', () => {
    it('shows the projection of a driver: name, legacy id, terms and when drivers stated them', async () => {
      const driverId = await knownDriver(fees.service.url, { type: 'flat', amount: 1000 }, 9191);
      expect((await get(`/drivers/${driverId}/fee-terms`)).body).toEqual({
        driverId,
        name: 'Jan Kowalski',
        legacyId: 9191,
        feeTerms: { type: 'flat', amount: 1000 },
        statedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      });
      const stranger = randomUUID();
      expect((await get(`/drivers/${stranger}/fee-terms`)).status).toBe(404);
    });
  });
});
