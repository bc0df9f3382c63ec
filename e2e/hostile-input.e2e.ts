import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { contracts, validateData, type EventContract } from '@cabs/contracts';
import {
  BrokerAdminClient,
  completeThroughMesh,
  DRIVERS,
  PLACES,
  prepareRide,
  registerDrivers,
  requestJson,
  type Driver,
  type Transit,
} from '@cabs/client';
import { DOMAIN_SERVICES, localUrls, type DomainService } from '@cabs/devstack';
import {
  hostilePathIds,
  injectionString,
  invalidData,
  invalidEnvelopes,
  invalidRestBodies,
  sendHostile,
  strayBrokerPaths,
  waitFor,
  type EventTemplate,
  type HostileRequest,
} from '@cabs/testing';
import { bodyValidator } from './support/openapi-bodies.js';
import { SystemDatabases } from './support/system-databases.js';
import { meshConfigWith, startTestSystem, type TestSystem } from './support/test-system.js';

// Fixed, so a failure can be replayed; fast-check prints it with the counterexample. HOSTILE_SEED picks another.
const seed = Number(process.env.HOSTILE_SEED ?? 20_261_123);
const HOSTILE_SOURCE = 'usvc://cabs/hostile-input';

const template = <C extends EventContract>(contract: C, data: Record<string, unknown>): EventTemplate => ({
  type: contract.type,
  dataschema: contract.dataschema,
  subject: (data.transitId as string | undefined) ?? randomUUID(),
  data,
  isValidData: (d) => validateData(contract, d).ok,
});

/** One event type each service handles, with plausible data about rides and drivers that do not exist. */
function serviceTemplates(): Record<DomainService, EventTemplate> {
  const [transitId, driverId, clientId] = [randomUUID(), randomUUID(), randomUUID()];
  const money = { amount: 4200, currency: 'PLN' };
  const completedAt = new Date().toISOString();
  return {
    transit: template(contracts.completeTransit, { transitId, destination: PLACES[0] }),
    drivers: template(contracts.freeDriver, { driverId, transitId }),
    fees: template(contracts.calculateFee, { transitId, driverId, transitPrice: money, completedAt }),
    invoicing: template(contracts.issueInvoice, {
      transitId,
      clientId,
      clientName: 'Ada Kowalska',
      gross: money,
      taxRate: { basisPoints: 800 },
    }),
    notifications: template(contracts.transitCompleted, {
      transitId,
      clientId,
      driverId,
      price: money,
      distanceKm: 3.2,
      tariff: 'standard',
      completedAt,
    }),
  };
}

/**
 * A generated corpus of malformed and hostile CloudEvents and REST bodies, against the real system: the broker's
 * ingress, every service's `POST /` and the REST writes. Each is refused with a 4xx that says why; nothing is stored
 * or emitted; no process falls over; and a ride completed during the barrage settles as usual.
 */
describe('hostile input against the whole system', () => {
  let system: TestSystem;
  let dbs: SystemDatabases;
  const url = (service: DomainService | 'broker', path = '') => `http://127.0.0.1:${system.ports[service]}${path}`;
  const broker = () => new BrokerAdminClient(`http://127.0.0.1:${system.ports.brokerAdmin}`);

  beforeAll(async () => {
    system = await startTestSystem({
      meshConfig: meshConfigWith({ retry: 5, backoffPolicy: 'exponential', backoffDelay: 'PT0.05S' }),
    });
    dbs = new SystemDatabases(system);
    await registerDrivers(url('drivers'), DRIVERS.slice(0, 3));
  });
  afterAll(async () => {
    await dbs?.close();
    await system?.stop();
  });

  it('refuses every hostile request with a 4xx and a message, stores and emits nothing, stays up, and still settles a ride', async () => {
    onTestFailed(() => console.log(system.logs.slice(-120).join('\n')));
    // Targets of the REST writes: a requested ride and a registered driver, both to be left exactly as they are.
    const requested = await requestJson<Transit>('POST', url('transit', '/transits'), {
      ...{ clientId: randomUUID(), clientName: 'Jan Nowak' },
      pickup: PLACES[1],
      destination: PLACES[2],
    });
    const [driver] = await requestJson<Driver[]>('GET', url('drivers', '/drivers?limit=1'));
    const driverBefore = await requestJson<Driver>('GET', url('drivers', `/drivers/${driver.id}`));
    // Quiet: every event the setup caused (the drivers' driver-registered) has left its outbox, and the broker has delivered it.
    await waitFor('every outbox published', async () =>
      (
        await Promise.all(
          DOMAIN_SERVICES.map((s) => dbs.count(s, 'SELECT count(*) AS n FROM mesh_outbox WHERE sent_at IS NULL')),
        )
      ).every((n) => n === 0),
    );
    await waitFor('the mesh to be quiet', async () => (await broker().drain()).drained);

    const eventsBefore = new Set((await broker().events({ limit: 1000 })).map((e) => e.id));
    const outboxBefore = Object.fromEntries(
      await Promise.all(
        DOMAIN_SERVICES.map(
          async (s) => [s, await dbs.count(s, 'SELECT coalesce(max(seq), 0) AS n FROM mesh_outbox')] as const,
        ),
      ),
    );
    const transitsBefore = await dbs.count('transit', 'SELECT count(*) AS n FROM transits');
    const driversBefore = await dbs.count('drivers', 'SELECT count(*) AS n FROM drivers');

    // Valid traffic alongside the barrage: a ride completed through the mesh, as a rider's app does it.
    const validRide = (async () => {
      const ride = await prepareRide(localUrls(system.ports), 0);
      expect((await completeThroughMesh(localUrls(system.ports).ingress, ride)).status).toBe(202);
      return waitFor(
        `ride ${ride.id} to settle during the barrage`,
        async () => {
          const t = await requestJson<Transit>('GET', url('transit', `/transits/${ride.id}`));
          return t.status === 'completed' && t.settlement.fee && t.settlement.invoice && t.settlement.driverFreed
            ? t
            : undefined;
        },
        { timeoutMs: 60_000 },
      );
    })();

    const statuses = new Map<string, Set<number>>();
    const barrage = async (target: string, requests: fc.Arbitrary<HostileRequest>, numRuns: number) => {
      const seen = new Set<number>();
      statuses.set(target, seen);
      await fc.assert(
        fc.asyncProperty(requests, async (request) => {
          seen.add((await sendHostile(target, request)).status);
        }),
        { seed, numRuns },
      );
    };

    /** Malformed bodies at one REST write (`route` as its OpenAPI document names it), judged by that document. */
    const restBarrage = async (
      service: DomainService,
      method: 'POST' | 'PUT',
      route: string,
      body: Record<string, unknown>,
      numRuns: number,
      id = '',
    ) => {
      const isValid = await bodyValidator(url(service), method === 'POST' ? 'post' : 'put', route);
      await barrage(
        url(service),
        invalidRestBodies({ method, path: route.replace('{id}', id), body, isValid }),
        numRuns,
      );
    };

    const templates = serviceTemplates();
    await barrage(
      url('broker', '/cabs/default'),
      fc.oneof(
        { arbitrary: invalidEnvelopes(templates.transit), weight: 9 },
        { arbitrary: strayBrokerPaths, weight: 1 },
      ),
      200,
    );
    for (const service of DOMAIN_SERVICES) {
      await barrage(
        url(service, '/'),
        fc.oneof(invalidEnvelopes(templates[service]), invalidData(templates[service])),
        100,
      );
    }
    const transitBody = {
      clientId: randomUUID(),
      clientName: 'Maria Wiśniewska',
      pickup: PLACES[3],
      destination: PLACES[4],
    };
    await restBarrage('transit', 'POST', '/transits', transitBody, 100);
    await restBarrage('transit', 'POST', '/transits/{id}/accept', { driverId: driver.id }, 50, requested.id);
    await restBarrage('transit', 'POST', '/transits/{id}/destination', { destination: PLACES[5] }, 50, requested.id);
    const driverBody = {
      firstName: 'Katherine',
      lastName: 'Johnson',
      licenseNumber: 'JOHNS818266KJ2VA',
      feeTerms: { type: 'flat', amount: 1500 },
      attributes: { penaltyPoints: 0 },
    };
    await restBarrage('drivers', 'POST', '/drivers', driverBody, 100);
    await restBarrage('drivers', 'PUT', '/drivers/{id}', driverBody, 50, driver.id);
    const pathWrites = fc
      .tuple(
        hostilePathIds,
        fc.constantFrom(
          'transit:/transits/{id}/accept',
          'transit:/transits/{id}/start',
          'transit:/transits/{id}/cancel',
          'transit:/transits/{id}/destination',
          'drivers:/drivers/{id}/activate',
          'drivers:/drivers/{id}',
        ),
      )
      .map(([id, where]): HostileRequest & { service: DomainService } => {
        const [service, path] = where.split(':') as [DomainService, string];
        const method = path === '/drivers/{id}' ? 'PUT' : 'POST';
        return {
          service,
          what: `${method} ${path} with id ${id}`,
          method,
          path: path.replace('{id}', id),
          headers: { 'content-type': 'application/json' },
          body: Buffer.from(
            JSON.stringify(
              path.endsWith('accept')
                ? { driverId: driver.id }
                : path.endsWith('destination')
                  ? { destination: PLACES[5] }
                  : driverBody,
            ),
          ),
        };
      });
    await fc.assert(
      fc.asyncProperty(pathWrites, async (request) => void (await sendHostile(url(request.service), request))),
      { seed, numRuns: 60 },
    );

    // Queries are not writes, but hostile filters must not break them or leak rows: a 4xx, or an empty answer.
    const queries = fc.tuple(
      injectionString,
      fc.constantFrom(
        'transit:/transits?status=',
        'transit:/transits?clientId=',
        'transit:/transits?limit=',
        'drivers:/drivers?status=',
        'drivers:/drivers?limit=',
        'invoicing:/invoices?transitId=',
        'invoicing:/invoices?clientId=',
        'notifications:/notifications?recipient=',
        'fees:/fees/',
      ),
    );
    await fc.assert(
      fc.asyncProperty(queries, async ([value, where]) => {
        const [service, path] = where.split(':') as [DomainService, string];
        const response = await fetch(url(service, `${path}${encodeURIComponent(value)}`));
        const text = await response.text();
        expect(response.status, `${path}${value} → ${text}`).toBeLessThan(500);
        if (response.ok)
          expect(JSON.parse(text), `${path}${value} → ${text}`).toSatisfy(
            (b: unknown) => (Array.isArray(b) ? b : (b as { items: unknown[] }).items).length === 0,
          );
      }),
      { seed, numRuns: 60 },
    );

    const settled = await validRide;
    const validSubjects = new Set([settled.id, requested.id]);

    // Nothing stored: no new event at the broker but the valid ride's, no inbox entry from the hostile sender, no
    // outbox entry about anything else, no ride or driver created, the targets unchanged.
    const eventsAfter = await broker().events({ limit: 1000 });
    const newEvents = eventsAfter.filter((e) => !eventsBefore.has(e.id));
    expect(newEvents.length).toBeGreaterThan(0);
    expect(newEvents.filter((e) => !validSubjects.has(e.attributes.subject)).map((e) => e.attributes)).toEqual([]);
    for (const service of DOMAIN_SERVICES) {
      expect(
        await dbs.count(service, 'SELECT count(*) AS n FROM mesh_inbox WHERE source = $1', [HOSTILE_SOURCE]),
        service,
      ).toBe(0);
      const emitted = await dbs.rows<{ subject: string; type: string }>(
        service,
        'SELECT subject, type FROM mesh_outbox WHERE seq > $1',
        [outboxBefore[service]],
      );
      expect(
        emitted.filter((e) => !validSubjects.has(e.subject)),
        service,
      ).toEqual([]);
    }
    expect(await dbs.count('transit', 'SELECT count(*) AS n FROM transits')).toBe(transitsBefore + 1);
    expect(await dbs.count('drivers', 'SELECT count(*) AS n FROM drivers')).toBe(driversBefore);
    expect(
      await dbs.count(
        'transit',
        "SELECT count(*) AS n FROM mesh_outbox WHERE type = 'cabs.transit.update-destination'",
      ),
    ).toBe(0);
    expect(await requestJson<Transit>('GET', url('transit', `/transits/${requested.id}`))).toMatchObject({
      status: 'requested',
      destination: PLACES[2],
    });
    expect(await requestJson('GET', url('drivers', `/drivers/${driver.id}`))).toEqual(driverBefore);

    // Every refusal kind was exercised, and every process is still up and ready.
    expect([...(statuses.get(url('broker', '/cabs/default')) ?? [])].sort()).toEqual([400, 404, 413]);
    for (const service of DOMAIN_SERVICES)
      expect([...(statuses.get(url(service, '/')) ?? [])], service).toEqual(expect.arrayContaining([400, 413, 415]));
    for (const p of system.supervisor.status()) expect(p.state, p.name).toBe('ready');
    for (const name of system.supervisor.names())
      expect((await fetch(system.supervisor.spec(name).readyUrl)).status, name).toBe(200);
  });
});
