import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contracts } from '@cabs/contracts';
import { serviceUnderTest } from '@cabs/testing';
import { AppModule } from '../src/app.module.js';
import { call, freshLegacyId, newDriver, VALID_LICENCE, type DriverJson, type ErrorJson } from './drivers-api.js';

describe('the drivers REST API, on a real PostgreSQL and over real HTTP', () => {
  const drivers = serviceUnderTest(AppModule, { database: 'drivers' });
  const api = <T = DriverJson>(method: Parameters<typeof call>[1], path: string, body?: unknown) =>
    call<T>(drivers.service.http, method, path, body);
  const register = async (extra: Record<string, unknown> = {}) => {
    const answer = await api('POST', '/drivers', newDriver(extra));
    expect(answer.status).toBe(201);
    return answer.body;
  };
  /** What the service has queued for the mesh about one driver, oldest first (the outbox commits with the change). */
  const factsAbout = async (driverId: string) =>
    (await drivers.db.query('SELECT type, data FROM mesh_outbox WHERE subject = $1 ORDER BY seq', [driverId])).rows as {
      type: string;
      data: unknown;
    }[];
  const messageOf = (answer: { body: unknown }) => [(answer.body as ErrorJson).message].flat().join('\n');

  describe('POST /drivers', () => {
    it('registers an inactive, free candidate with the default terms and states it to the mesh', async () => {
      const driver = await register({ licenseNumber: 'farme100165ab5ew' });
      expect(driver).toEqual({
        id: expect.any(String),
        firstName: 'Jan',
        lastName: 'Kowalski',
        status: 'inactive',
        type: 'candidate',
        licenseNumber: VALID_LICENCE,
        licenseExpires: null,
        feeTerms: { type: 'percentage', amount: 200 },
        attributes: {},
        occupied: false,
        occupiedBy: null,
        legacyId: null,
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      });
      const [published] = await drivers.sink
        .waitForEvents(1, contracts.driverRegistered.type)
        .then((events) => events.filter((e) => e.subject === driver.id));
      expect(published).toMatchObject({
        source: 'usvc://cabs/drivers',
        dataschema: contracts.driverRegistered.dataschema,
        data: { driverId: driver.id, name: 'Jan Kowalski', feeTerms: { type: 'percentage', amount: 200 } },
      });
      expect(published?.data).not.toHaveProperty('legacyId');
      expect((await api('GET', `/drivers/${driver.id}`)).body).toEqual(driver);
    });

    it('keeps the given terms, licence expiry, attributes and legacy id, and states the terms and legacy id', async () => {
      const legacyId = freshLegacyId();
      const attributes = {
        penaltyPoints: 2,
        nationality: 'PL',
        medicalExaminationExpires: '2031-05-01T00:00:00.000Z',
        email: 'jan@example.com',
      };
      const driver = await register({
        licenseExpires: '2032-01-31T00:00:00.000Z',
        feeTerms: { type: 'percentage', amount: 700, min: 500 },
        attributes,
        legacyId,
      });
      expect(driver).toMatchObject({
        licenseExpires: '2032-01-31T00:00:00.000Z',
        feeTerms: { type: 'percentage', amount: 700, min: 500 },
        attributes,
        legacyId,
      });
      expect(await factsAbout(driver.id)).toEqual([
        {
          type: contracts.driverRegistered.type,
          data: {
            driverId: driver.id,
            name: 'Jan Kowalski',
            feeTerms: { type: 'percentage', amount: 700, min: 500 },
            legacyId,
          },
        },
      ]);
      expect((await api('GET', `/drivers/${driver.id}`)).body).toEqual(driver);
    });

    it.each<[string, Record<string, unknown>, RegExp]>([
      ['a missing last name', { lastName: undefined }, /body: missing required property 'lastName'/],
      ['a blank first name', { firstName: '' }, /body\/firstName: must not be empty/],
      [
        'fee terms of an unknown type',
        { feeTerms: { type: 'tip', amount: 5 } },
        /body\/feeTerms\/type: must be one of "percentage", "flat"/,
      ],
      [
        'a percentage above 100 %',
        { feeTerms: { type: 'percentage', amount: 10_001 } },
        /body\/feeTerms\/amount: must be at most 10000/,
      ],
      [
        'an expiry without a zone',
        { licenseExpires: '2030-01-01' },
        /body\/licenseExpires: must be an RFC 3339 date-time with a zone/,
      ],
      [
        'an attribute it does not know',
        { attributes: { shoeSize: 44 } },
        /body\/attributes\/shoeSize: unexpected property/,
      ],
      ['a fractional legacy id', { legacyId: 1.5 }, /body\/legacyId: must be an integer/],
    ])('answers 400 for %s', async (_case, extra, message) => {
      const answer = await api('POST', '/drivers', newDriver(extra));
      expect(answer.status).toBe(400);
      expect(messageOf(answer)).toMatch(message);
    });

    it.each<[string, Record<string, unknown>, RegExp]>([
      [
        'a malformed licence number',
        { licenseNumber: 'ABC123' },
        /"ABC123" is not a licence number: expected 5 letters or 9s/,
      ],
      ['an expired licence', { licenseExpires: '2020-01-01T00:00:00Z' }, /an expired licence cannot be registered/],
      [
        'a flat minimum above the commission',
        { feeTerms: { type: 'flat', amount: 1000, min: 1500 } },
        /minimum \(1500\) may not exceed the amount \(1000\)/,
      ],
      ['an e-mail without a domain', { attributes: { email: 'jan' } }, /the email must look like name@example.com/],
      ['a legacy id of zero', { legacyId: 0 }, /A legacy id is a positive whole number, not 0/],
    ])('answers 422 for %s and registers no one', async (_case, extra, message) => {
      const before = (await api<DriverJson[]>('GET', '/drivers?limit=500')).body.length;
      const answer = await api('POST', '/drivers', newDriver(extra));
      expect(answer.status).toBe(422);
      expect(messageOf(answer)).toMatch(message);
      expect((await api<DriverJson[]>('GET', '/drivers?limit=500')).body).toHaveLength(before);
    });

    it('answers 409 for a legacy id another driver already has, and states nothing', async () => {
      const legacyId = freshLegacyId();
      await register({ legacyId });
      const taken = await api('POST', '/drivers', newDriver({ legacyId, firstName: 'Anna' }));
      expect(taken.status).toBe(409);
      expect(messageOf(taken)).toBe(`Legacy id ${legacyId} already belongs to another driver.`);
      const { rows } = await drivers.db.query(
        "SELECT count(*)::int AS n FROM mesh_outbox WHERE (data->>'legacyId')::bigint = $1",
        [legacyId],
      );
      expect(rows[0].n).toBe(1);
    });
  });

  describe('GET /drivers and /drivers/:id', () => {
    it('lists drivers newest first, filtered by status, type and whether they are on a ride', async () => {
      const [free, busy, regular] = [
        await register({ lastName: 'Free' }),
        await register({ lastName: 'Busy' }),
        await register({ lastName: 'Regular' }),
      ];
      await drivers.db.query('UPDATE drivers SET occupied_by = $2 WHERE id = $1', [busy.id, randomUUID()]);
      await api('POST', `/drivers/${regular.id}/activate`);
      await api('POST', `/drivers/${regular.id}/graduate`);

      const ids = async (query: string) => (await api<DriverJson[]>('GET', `/drivers${query}`)).body.map((d) => d.id);
      expect(await ids('?limit=3')).toEqual([regular.id, busy.id, free.id]);
      expect(await ids('?occupied=true')).toContain(busy.id);
      expect(await ids('?occupied=true')).not.toContain(free.id);
      expect(await ids('?occupied=false&limit=500')).toEqual(expect.arrayContaining([free.id, regular.id]));
      expect(await ids('?occupied=false&limit=500')).not.toContain(busy.id);
      expect(await ids('?status=active&type=regular')).toContain(regular.id);
      expect(await ids('?status=inactive&limit=500')).not.toContain(regular.id);
      expect(await ids('?type=candidate&limit=500')).not.toContain(regular.id);
      expect(await ids('?limit=1')).toHaveLength(1);
    });

    it.each<[string, RegExp]>([
      ['?status=busy', /query\/status: must be one of "active", "inactive"/],
      ['?occupied=maybe', /query\/occupied: must be true or false/],
      ['?limit=0', /query\/limit: must be at least 1/],
      ['?limit=501', /query\/limit: must be at most 500/],
      ['?ocupied=true', /query\/ocupied: unexpected property/],
    ])('answers 400 for %s', async (query, message) => {
      const answer = await api('GET', `/drivers${query}`);
      expect(answer.status).toBe(400);
      expect(messageOf(answer)).toMatch(message);
    });

    it('answers 404 for an unknown driver and 400 for an id that is not a UUID', async () => {
      const unknown = randomUUID();
      const missing = await api('GET', `/drivers/${unknown}`);
      expect(missing.status).toBe(404);
      expect(messageOf(missing)).toBe(`Driver ${unknown} does not exist.`);
      const malformed = await api('GET', '/drivers/42');
      expect(malformed.status).toBe(400);
      expect(messageOf(malformed)).toMatch(/params\/id: must be a UUID/);
    });
  });

  describe('PUT /drivers/:id', () => {
    it('replaces the details and keeps status, type, ride and legacy id; unchanged terms state nothing', async () => {
      const legacyId = freshLegacyId();
      const driver = await register({ legacyId, feeTerms: { type: 'flat', amount: 1000 } });
      await api('POST', `/drivers/${driver.id}/activate`);
      const updated = await api('PUT', `/drivers/${driver.id}`, {
        firstName: 'Janusz',
        lastName: 'Nowak',
        licenseNumber: 'NOWAK100165AB5EW',
        licenseExpires: '2033-03-03T00:00:00.000Z',
        feeTerms: { type: 'flat', amount: 1000 },
        attributes: { yearsOfExperience: 12 },
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({
        firstName: 'Janusz',
        lastName: 'Nowak',
        licenseNumber: 'NOWAK100165AB5EW',
        licenseExpires: '2033-03-03T00:00:00.000Z',
        attributes: { yearsOfExperience: 12 },
        status: 'active',
        legacyId,
        createdAt: driver.createdAt,
      });
      expect((await api('GET', `/drivers/${driver.id}`)).body).toEqual(updated.body);
      expect((await factsAbout(driver.id)).map((f) => f.type)).toEqual([contracts.driverRegistered.type]);
    });

    it('states changed terms, and terms left out mean the default again', async () => {
      const driver = await register({ feeTerms: { type: 'flat', amount: 1000 } });
      await api('PUT', `/drivers/${driver.id}`, newDriver({ feeTerms: { type: 'percentage', amount: 5000 } }));
      const reverted = await api('PUT', `/drivers/${driver.id}`, newDriver());
      expect(reverted.body.feeTerms).toEqual({ type: 'percentage', amount: 200 });
      const facts = await factsAbout(driver.id);
      expect(facts.slice(1)).toEqual([
        {
          type: contracts.driverFeeTermsChanged.type,
          data: { driverId: driver.id, feeTerms: { type: 'percentage', amount: 5000 } },
        },
        {
          type: contracts.driverFeeTermsChanged.type,
          data: { driverId: driver.id, feeTerms: { type: 'percentage', amount: 200 } },
        },
      ]);
      await drivers.sink.waitForEvents(2, contracts.driverFeeTermsChanged.type);
    });

    it('answers 400 for a legacy id (fixed at registration), 404 for an unknown driver and 422 for a broken rule', async () => {
      const driver = await register();
      const withLegacyId = await api('PUT', `/drivers/${driver.id}`, newDriver({ legacyId: freshLegacyId() }));
      expect(withLegacyId.status).toBe(400);
      expect(messageOf(withLegacyId)).toMatch(/body\/legacyId: unexpected property/);

      const unknown = randomUUID();
      const missing = await api('PUT', `/drivers/${unknown}`, newDriver());
      expect(missing.status).toBe(404);
      expect(messageOf(missing)).toBe(`Driver ${unknown} does not exist.`);

      const broken = await api(
        'PUT',
        `/drivers/${driver.id}`,
        newDriver({ feeTerms: { type: 'flat', amount: 100, min: 200 } }),
      );
      expect(broken.status).toBe(422);
      expect((await api('GET', `/drivers/${driver.id}`)).body).toEqual(driver);
      expect(await factsAbout(driver.id)).toHaveLength(1);
    });
  });

  describe('activate, deactivate, graduate', () => {
    it('activates, deactivates and graduates; graduating twice is not an error', async () => {
      const driver = await register({ licenseExpires: '2030-12-31T00:00:00Z' });
      expect((await api('POST', `/drivers/${driver.id}/activate`)).body).toMatchObject({
        status: 'active',
        type: 'candidate',
      });
      expect((await api('GET', `/drivers/${driver.id}`)).body.status).toBe('active');
      const graduated = await api('POST', `/drivers/${driver.id}/graduate`);
      expect(graduated).toMatchObject({ status: 200, body: { type: 'regular', status: 'active' } });
      expect((await api('POST', `/drivers/${driver.id}/graduate`)).body.type).toBe('regular');
      const deactivated = await api('POST', `/drivers/${driver.id}/deactivate`);
      expect(deactivated).toMatchObject({ status: 200, body: { status: 'inactive', type: 'regular' } });
      expect((await api('GET', `/drivers/${driver.id}`)).body).toEqual(deactivated.body);
    });

    it('refuses to activate a driver whose licence has expired since registration, with 409', async () => {
      const driver = await register({ licenseExpires: '2030-12-31T00:00:00Z' });
      // Time passes: the licence registered as valid is now out of date.
      await drivers.db.query("UPDATE drivers SET licence_expires = '2021-06-30T00:00:00Z' WHERE id = $1", [driver.id]);
      const refused = await api('POST', `/drivers/${driver.id}/activate`);
      expect(refused.status).toBe(409);
      expect(messageOf(refused)).toBe(
        `Driver ${driver.id} cannot be activated: the licence expired on 2021-06-30T00:00:00.000Z.`,
      );
      expect((await api('GET', `/drivers/${driver.id}`)).body.status).toBe('inactive');
    });

    it.each(['activate', 'deactivate', 'graduate'])(
      '%s answers 404 for an unknown driver and 400 for a malformed id',
      async (action) => {
        const unknown = randomUUID();
        const missing = await api('POST', `/drivers/${unknown}/${action}`);
        expect(missing.status).toBe(404);
        expect(messageOf(missing)).toBe(`Driver ${unknown} does not exist.`);
        expect((await api('POST', `/drivers/nobody/${action}`)).status).toBe(400);
      },
    );
  });
});
