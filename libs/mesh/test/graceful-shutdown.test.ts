import { describe, expect, it } from 'vitest';
import { contracts } from '@cabs/contracts';
import { sendEvent, type RunningService } from '@cabs/testing';
import { fixtureServiceUnderTest, handlerSleeping, issuedAbout, issueInvoice } from './support/fixture-service.js';

/** What a SIGTERM does to a service (app.close(), as enableShutdownHooks calls it): finish, publish, then stop. */
describe('graceful shutdown of a service', () => {
  // Each test starts the service it stops.
  const fixture = fixtureServiceUnderTest('mesh_shutdown', { replicas: 0 });

  const unsent = async () =>
    Number((await fixture.db.query('SELECT count(*) AS n FROM mesh_outbox WHERE sent_at IS NULL')).rows[0].n);

  it('publishes what handlers committed just before it was told to stop, before its database closes', async () => {
    const service = await fixture.start();
    const events = Array.from({ length: 20 }, (_, i) => issueInvoice(`client ${i}`));
    const answers = await Promise.all(events.map((e) => sendEvent(service.url, e)));
    expect(answers.map((a) => a.status)).toEqual(events.map(() => 202));
    await service.close();
    // No waiting: close() resolves only after the final flush.
    const published = new Set(
      fixture.sink.ofType(contracts.invoiceIssued.type).map((e) => (e.data as { transitId: string }).transitId),
    );
    expect(events.filter((e) => !published.has(e.data.transitId))).toEqual([]);
    expect(await unsent()).toBe(0);
  });

  it('finishes a delivery in flight — answered 202, its events published — and then closes at once', async () => {
    const service: RunningService = await fixture.start();
    const slow = issueInvoice('slow');
    const inFlight = sendEvent(service.url, slow);
    await handlerSleeping(fixture.db, 'the slow handler to be running');
    const started = Date.now();
    const closing = service.close();
    expect((await inFlight).status).toBe(202);
    await closing;
    // Not held open by the keep-alive connection the answer went out on (Fastify would wait up to 72 s for it).
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(issuedAbout(fixture.sink, slow.data.transitId)).toBeDefined();
    expect(await unsent()).toBe(0);
  });
});
