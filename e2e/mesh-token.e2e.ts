import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { contracts } from '@cabs/contracts';
import {
  BrokerAdminClient,
  completeThroughMesh,
  DRIVERS,
  prepareRide,
  registerDrivers,
  requestJson,
  type Transit,
} from '@cabs/client';
import { DOMAIN_SERVICES, localUrls } from '@cabs/devstack';
import { sendHostile, waitFor, type HostileRequest } from '@cabs/testing';
import { SystemDatabases } from './support/system-databases.js';
import { startTestSystem, type TestSystem } from './support/test-system.js';

/** A valid binary-mode CloudEvent: only who sends it is wrong. */
function freeDriverEvent(): HostileRequest {
  return {
    what: 'a valid free-driver event',
    headers: {
      'content-type': 'application/json',
      'ce-specversion': '1.0',
      'ce-id': randomUUID(),
      'ce-source': 'usvc://cabs/intruder',
      'ce-type': contracts.freeDriver.type,
      'ce-dataschema': contracts.freeDriver.dataschema,
    },
    body: Buffer.from(JSON.stringify({ driverId: randomUUID(), transitId: randomUUID() })),
    status: 401,
  };
}

/**
 * Who may talk to whom, with MESH_TOKEN set for every process (docs/decisions/0011-mesh-authentication.md): only
 * holders of the token may publish to the broker, deliver to a service's `POST /` or change the broker (redrive);
 * the broker presents it on every delivery and each service's outbox relay presents it to the ingress, so with it
 * a ride settles as usual. Riders' REST queries and writes need no token.
 */
describe('mesh authentication (MESH_TOKEN)', () => {
  const token = randomBytes(24).toString('hex');
  const wrong = [
    undefined,
    'Bearer ',
    `Bearer ${token.slice(1)}`,
    `Bearer ${token}x`,
    `Basic ${Buffer.from(`mesh:${token}`).toString('base64')}`,
    token,
  ];
  let system: TestSystem;
  let dbs: SystemDatabases;
  const admin = (path: string) => `http://127.0.0.1:${system.ports.brokerAdmin}${path}`;

  beforeAll(async () => {
    system = await startTestSystem({ env: { MESH_TOKEN: token } });
    dbs = new SystemDatabases(system);
    await registerDrivers(`http://127.0.0.1:${system.ports.drivers}`, DRIVERS.slice(0, 2));
  });
  afterAll(async () => {
    await dbs?.close();
    await system?.stop();
  });
  const dumpLogsOnFailure = () => onTestFailed(() => console.log(system.logs.slice(-100).join('\n')));

  it("refuses deliveries to every service's POST / without the token (401, told why) and handles nothing", async () => {
    dumpLogsOnFailure();
    for (const service of DOMAIN_SERVICES) {
      for (const authorization of wrong) {
        const { message } = await sendHostile(
          `http://127.0.0.1:${system.ports[service]}/`,
          freeDriverEvent(),
          authorization,
        );
        expect(message).toMatch(/mesh token/);
      }
      expect(
        await dbs.count(service, "SELECT count(*) AS n FROM mesh_inbox WHERE source = 'usvc://cabs/intruder'"),
        service,
      ).toBe(0);
    }
  });

  it('refuses senders without the token at the broker ingress (401) and stores nothing', async () => {
    dumpLogsOnFailure();
    const before = await dbs.count('broker', 'SELECT count(*) AS n FROM events');
    for (const authorization of wrong) {
      const { message } = await sendHostile(
        `http://127.0.0.1:${system.ports.broker}/cabs/default`,
        freeDriverEvent(),
        authorization,
      );
      expect(message).toMatch(/MESH_TOKEN/);
    }
    expect(await dbs.count('broker', 'SELECT count(*) AS n FROM events')).toBe(before);
  });

  it('is checked alike by the broker and every service: the same credentials pass, the same are refused', async () => {
    dumpLogsOnFailure();
    // The auth scheme is case-insensitive (RFC 9110); the rest must be exactly the token. The event lacks its
    // specversion, so whoever lets it past the token check refuses it next (400) and nothing is stored or handled.
    const { 'ce-specversion': _, ...headers } = freeDriverEvent().headers;
    const verdicts = async (url: string) => {
      const answers: string[] = [];
      for (const authorization of [...wrong, `bearer ${token}`, `BEARER ${token}`]) {
        const response = await fetch(url, {
          method: 'POST',
          headers: { ...headers, ...(authorization ? { authorization } : {}) },
          body: freeDriverEvent().body,
        });
        await response.body?.cancel();
        answers.push(`${authorization}: ${response.status === 401 ? 'refused' : `passed (${response.status})`}`);
      }
      return answers;
    };
    const broker = await verdicts(`http://127.0.0.1:${system.ports.broker}/cabs/default`);
    expect(broker.filter((v) => v.endsWith('passed (400)'))).toHaveLength(2);
    for (const service of DOMAIN_SERVICES)
      expect(await verdicts(`http://127.0.0.1:${system.ports[service]}/`), service).toEqual(broker);
  });

  it("requires the token for the broker's admin API, reads included (events hold riders' names)", async () => {
    dumpLogsOnFailure();
    for (const path of ['/redrive', '/triggers/invoicing-issue-invoice/redrive', '/deliveries/1/redrive']) {
      for (const authorization of wrong) {
        const response = await fetch(admin(path), { method: 'POST', headers: authorization ? { authorization } : {} });
        expect(response.status, `${path} with ${authorization}`).toBe(401);
        expect(((await response.json()) as { message: string }).message).toMatch(/requires Authorization: Bearer/);
      }
    }
    const redrive = await fetch(admin('/redrive'), { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(redrive.status).toBe(200);
    for (const authorization of wrong)
      expect(
        (await fetch(admin('/events?limit=1'), { headers: authorization ? { authorization } : {} })).status,
        String(authorization),
      ).toBe(401);
    expect((await fetch(admin('/events?limit=1'), { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('with the token everything flows: a ride settles, the broker presents it on every delivery and the relays to the ingress', async () => {
    dumpLogsOnFailure();
    const rejectedBefore = await rejectedUnauthorized();
    // Riders need no token for REST; the command to the mesh carries it, as the rider's app (or the console) does.
    const ride = await prepareRide(localUrls(system.ports), 1);
    expect((await completeThroughMesh(localUrls(system.ports).ingress, ride, { token })).status).toBe(202);
    const done = await waitFor(
      `ride ${ride.id} to settle`,
      async () => {
        const t = await requestJson<Transit>('GET', `http://127.0.0.1:${system.ports.transit}/transits/${ride.id}`);
        return t.status === 'completed' && t.settlement.fee && t.settlement.invoice && t.settlement.driverFreed
          ? t
          : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(done.id).toBe(ride.id);

    // The services' relays published calculate-fee, issue-invoice, free-driver, transit-completed, the fee and the
    // invoice facts: the ingress took them all (it refuses senders without the token), and refused nobody meanwhile.
    const events = await new BrokerAdminClient(admin(''), { token }).events({ limit: 100, subject: ride.id });
    const fromServices = events.filter((e) => e.attributes.source !== 'usvc://cabs/cli').map((e) => e.attributes.type);
    expect(fromServices).toEqual(
      expect.arrayContaining([
        contracts.calculateFee.type,
        contracts.issueInvoice.type,
        contracts.freeDriver.type,
        contracts.transitCompleted.type,
        contracts.driverFeeCalculated.type,
        contracts.invoiceIssued.type,
      ]),
    );
    expect(await rejectedUnauthorized()).toBe(rejectedBefore);
    // A published event is marked sent a moment after its publish (the marks are batched): wait for the marks.
    for (const service of DOMAIN_SERVICES) {
      await waitFor(
        `${service}'s outbox to be all sent`,
        async () => (await dbs.count(service, 'SELECT count(*) AS n FROM mesh_outbox WHERE sent_at IS NULL')) === 0,
      );
    }
    // Every delivery of the ride was accepted by its subscriber (which refuses deliveries without the token).
    // The ride settles in transit before notifications has had its last facts: wait for the deliveries themselves.
    const deliveries = await waitFor('every delivery of the ride to be made', async () => {
      const rows = await dbs.rows<{ trigger: string; state: string; last_status: number | null }>(
        'broker',
        'SELECT d.trigger, d.state, d.last_status FROM deliveries d JOIN events e ON e.id = d.event_id WHERE e.subject = $1',
        [ride.id],
      );
      return rows.length >= 8 && rows.every((d) => d.state === 'delivered' || d.last_status === 401) ? rows : undefined;
    });
    expect(deliveries.filter((d) => d.state !== 'delivered' || d.last_status === 401)).toEqual([]);
  });

  /** The broker's count of 401s at the ingress (Prometheus). */
  async function rejectedUnauthorized(): Promise<number> {
    const text = await (await fetch(admin('/metrics'))).text();
    return Number(text.match(/^broker_events_rejected_total\{[^}]*code="401"[^}]*\} (\d+)/m)?.[1] ?? 0);
  }
});
