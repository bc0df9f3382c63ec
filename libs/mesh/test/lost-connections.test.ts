import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendEvent, waitFor } from '@cabs/testing';
import { fixtureServiceUnderTest, handlerSleeping, issuedAbout, issueInvoice } from './support/fixture-service.js';

/** PostgreSQL restarting under a service (the chaos soak does it): the delivery in flight fails, the process lives on. */
describe('a service whose database connections are cut', () => {
  // One connection, the one the cut spares (pid <> pg_backend_pid()): an idle one cut would raise an error of its own.
  const fixture = fixtureServiceUnderTest('mesh_cut', { poolSize: 1 });
  const uncaught: unknown[] = [];
  const onUncaught = (err: unknown) => uncaught.push(err);

  beforeAll(() => {
    process.on('uncaughtException', onUncaught);
  });
  afterAll(() => {
    process.off('uncaughtException', onUncaught);
  });

  it('answers the delivery in flight with a retryable 5xx, raises nothing uncaught and handles the retry', async () => {
    const inFlight = sendEvent(fixture.service.url, issueInvoice('stuck'));
    // The connection that is checked out for the handler's transaction is the one pg-pool does not listen on.
    await handlerSleeping(fixture.db, 'the stuck handler to be running');
    await fixture.db.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );

    expect((await inFlight).status).toBeGreaterThanOrEqual(500);
    const next = issueInvoice('next');
    expect((await sendEvent(fixture.service.url, next)).status).toBe(202);
    await waitFor('the next invoice to be published', () => issuedAbout(fixture.sink, next.data.transitId));
    expect(uncaught).toEqual([]);
  });
});
