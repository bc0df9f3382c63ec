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

/** PostgreSQL restarting under a service (the chaos soak does it): the delivery in flight fails, the process lives on. */
describe('a service whose database connections are cut', () => {
  let db: pg.Pool;
  let sink: EventSink;
  let service: RunningService;
  const uncaught: unknown[] = [];
  const onUncaught = (err: unknown) => uncaught.push(err);

  const issueInvoice = (clientName: string) => ({
    id: randomUUID(),
    type: issueInvoiceV1.type,
    dataschema: issueInvoiceV1.dataschema,
    data: { transitId: randomUUID(), clientId: randomUUID(), clientName, amount: { amount: 4200, currency: 'PLN' } },
  });

  beforeAll(async () => {
    const databaseUrl = await createEmptyDatabase(inject('pg'), 'mesh_cut');
    await migrateDeploy(fixtureDir, databaseUrl);
    db = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    sink = await EventSink.start();
    service = await startServiceApp(FixtureModule, { DATABASE_URL: databaseUrl, K_SINK: sink.url });
    process.on('uncaughtException', onUncaught);
  });
  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    await service?.close();
    await sink?.close();
    await db?.end();
  });

  it('answers the delivery in flight with a retryable 5xx, raises nothing uncaught and handles the retry', async () => {
    const inFlight = sendEvent(service.url, issueInvoice('stuck'));
    // The connection that is checked out for the handler's transaction is the one pg-pool does not listen on.
    await waitFor(
      'the stuck handler to be running',
      async () =>
        ((await db.query("SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%' AND state = 'active'"))
          .rowCount ?? 0) > 0,
    );
    await db.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );

    expect((await inFlight).status).toBeGreaterThanOrEqual(500);
    const next = issueInvoice('next');
    expect((await sendEvent(service.url, next)).status).toBe(202);
    await waitFor('the next invoice to be published', () =>
      sink
        .ofType(contracts.invoiceIssued.type)
        .some((e) => (e.data as { transitId: string }).transitId === next.data.transitId),
    );
    expect(uncaught).toEqual([]);
  });
});
