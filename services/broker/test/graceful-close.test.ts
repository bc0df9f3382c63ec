import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@cabs/testing';
import { attributes, sendBinary } from './support/send.js';
import type { TestSubscriber } from './support/subscriber.js';
import { startBrokerToOneSubscriber, type TestBroker } from './support/test-broker.js';

/** A restart of the broker as its senders see it: an event arriving while it closes is stored and answered 202. */
describe('closing the broker', () => {
  let subscriber: TestSubscriber;
  let broker: TestBroker;
  let db: pg.Pool;

  beforeAll(async () => {
    ({ subscriber, broker } = await startBrokerToOneSubscriber());
    db = new pg.Pool({ connectionString: broker.databaseUrl, max: 2 });
  });
  afterAll(async () => {
    await db?.end();
    await subscriber?.close();
  });

  it('stores and answers an event in flight when it is told to stop, then closes at once', async () => {
    // Hold the event's INSERT behind a lock, so it is in flight when close() begins.
    const blocker = await db.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE events IN EXCLUSIVE MODE');
    const event = attributes();
    const sent = sendBinary(broker.brokerUrl, event, '{}');
    await waitFor(
      'the INSERT to wait for the lock',
      async () =>
        ((await db.query("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT%'"))
          .rowCount ?? 0) > 0,
    );
    const started = Date.now();
    const closing = broker.close();
    await blocker.query('COMMIT');
    blocker.release();
    expect((await sent).status).toBe(202);
    await closing;
    // Not held open by the keep-alive connection the 202 went out on (Fastify would wait up to 72 s for it).
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(Number((await db.query('SELECT count(*) AS n FROM events WHERE ce_id = $1', [event.id])).rows[0].n)).toBe(1);
  });
});
