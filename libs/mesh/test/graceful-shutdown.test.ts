import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { contracts, issueInvoiceV1 } from '@cabs/contracts';
import { migrateDeploy } from '@cabs/postgres';
import {
  createEmptyDatabase,
  EventSink,
  sendEvent,
  startServiceApp,
  waitFor,
  type RunningService,
} from '@cabs/testing';
import { FixtureModule } from './fixture/src/fixture.module.js';

const fixtureDir = fileURLToPath(new URL('./fixture', import.meta.url));

/** What a SIGTERM does to a service (app.close(), as enableShutdownHooks calls it): finish, publish, then stop. */
describe('graceful shutdown of a service', () => {
  let databaseUrl: string;
  let db: pg.Pool;
  let sink: EventSink;

  const issueInvoice = (clientName: string) => ({
    type: issueInvoiceV1.type,
    dataschema: issueInvoiceV1.dataschema,
    data: { transitId: randomUUID(), clientId: randomUUID(), clientName, amount: { amount: 4200, currency: 'PLN' } },
  });
  const unsent = async () =>
    Number((await db.query('SELECT count(*) AS n FROM mesh_outbox WHERE sent_at IS NULL')).rows[0].n);
  const start = () => startServiceApp(FixtureModule, { DATABASE_URL: databaseUrl, K_SINK: sink.url });

  beforeAll(async () => {
    databaseUrl = await createEmptyDatabase(inject('pg'), 'mesh_shutdown');
    await migrateDeploy(fixtureDir, databaseUrl);
    db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    sink = await EventSink.start();
  });
  afterAll(async () => {
    await sink?.close();
    await db?.end();
  });

  it('publishes what handlers committed just before it was told to stop, before its database closes', async () => {
    const service = await start();
    const events = Array.from({ length: 20 }, (_, i) => issueInvoice(`client ${i}`));
    const answers = await Promise.all(events.map((e) => sendEvent(service.url, e)));
    expect(answers.map((a) => a.status)).toEqual(events.map(() => 202));
    await service.close();
    // No waiting: close() resolves only after the final flush.
    const published = new Set(
      sink.ofType(contracts.invoiceIssued.type).map((e) => (e.data as { transitId: string }).transitId),
    );
    expect(events.filter((e) => !published.has(e.data.transitId))).toEqual([]);
    expect(await unsent()).toBe(0);
  });

  it('finishes a delivery in flight — answered 202, its events published — and then closes at once', async () => {
    const service: RunningService = await start();
    const slow = issueInvoice('slow');
    const inFlight = sendEvent(service.url, slow);
    await waitFor(
      'the slow handler to be running',
      async () =>
        ((await db.query("SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%' AND state = 'active'"))
          .rowCount ?? 0) > 0,
    );
    const started = Date.now();
    const closing = service.close();
    expect((await inFlight).status).toBe(202);
    await closing;
    // Not held open by the keep-alive connection the answer went out on (Fastify would wait up to 72 s for it).
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(
      sink
        .ofType(contracts.invoiceIssued.type)
        .some((e) => (e.data as { transitId: string }).transitId === slow.data.transitId),
    ).toBe(true);
    expect(await unsent()).toBe(0);
  });
});
