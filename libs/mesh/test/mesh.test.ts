import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { contracts, issueInvoiceV1 } from '@cabs/contracts';
import { sendEvent, uploadSlowly, waitFor } from '@cabs/testing';
import { EMITTING_DRIVER, TWO_STATEMENTS_DRIVER } from './fixture/src/fixture.module.js';
import { OutboxRelay, UnitOfWork } from '../src/index.js';
import { fixtureServiceUnderTest, issuedAbout, issueInvoice as issueInvoiceFor } from './support/fixture-service.js';

const money = (amount: number) => ({ amount, currency: 'PLN' });

describe('the mesh chassis, on a real PostgreSQL and over real HTTP', () => {
  const fixture = fixtureServiceUnderTest('mesh', { env: { K_CE_OVERRIDES: '{"extensions":{"cluster":"test"}}' } });

  /** An issue-invoice about a subject of its own, or its ride's when `overrides` names the ride. */
  const issueInvoice = (clientName: string, overrides: Record<string, unknown> = {}) => ({
    ...issueInvoiceFor(clientName, overrides),
    subject: (overrides.transitId as string) ?? randomUUID(),
  });
  /** The invoice-issued fact a test's own write (UnitOfWork) emits about a ride. */
  const invoiceIssued = (transitId: string) => ({
    invoiceId: randomUUID(),
    number: '2026/000001',
    transitId,
    clientId: randomUUID(),
    amount: money(100),
    issuedAt: new Date().toISOString(),
  });
  const count = async (sql: string, ...params: unknown[]) => Number((await fixture.db.query(sql, params)).rows[0].n);

  it("commits the handler's writes, its inbox entry and its emitted events together, then publishes them", async () => {
    const event = issueInvoice('Ada');
    const res = await sendEvent(fixture.service.url, event);
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
    const transitId = (event.data as { transitId: string }).transitId;
    expect(await count('SELECT count(*) AS n FROM notes WHERE text = $1', `invoice for ${transitId}`)).toBe(1);
    const [published] = await waitFor('invoice-issued at the sink', () => issuedAbout(fixture.sink, transitId));
    expect(published).toMatchObject({
      source: 'usvc://cabs/fixture',
      subject: event.subject,
      dataschema: contracts.invoiceIssued.dataschema,
      cluster: 'test',
    });
    await waitFor(
      'the outbox row marked sent',
      async () =>
        (await count('SELECT count(*) AS n FROM mesh_outbox WHERE id = $1 AND sent_at IS NOT NULL', published.id)) ===
        1,
    );
  });

  it('rolls everything back when the handler fails after writing, and asks the mesh to retry', async () => {
    const event = issueInvoice('crash-after-writing');
    const res = await sendEvent(fixture.service.url, event);
    expect(res.status).toBe(500);
    const transitId = (event.data as { transitId: string }).transitId;
    expect(await count('SELECT count(*) AS n FROM notes WHERE text = $1', `invoice for ${transitId}`)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM mesh_outbox WHERE data->>'transitId' = $1", transitId)).toBe(0);
  });

  it('applies a redelivered event once, even when the copies arrive at the same time', async () => {
    const event = { ...issueInvoice('Grace'), id: randomUUID() };
    const answers = await Promise.all([
      sendEvent(fixture.service.url, event),
      sendEvent(fixture.service.url, event),
      sendEvent(fixture.service.url, event),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([202, 202, 202]);
    const transitId = (event.data as { transitId: string }).transitId;
    expect(await count('SELECT count(*) AS n FROM notes WHERE text = $1', `invoice for ${transitId}`)).toBe(1);
    expect(await count("SELECT count(*) AS n FROM mesh_outbox WHERE data->>'transitId' = $1", transitId)).toBe(1);
    expect(await count('SELECT count(*) AS n FROM mesh_inbox WHERE id = $1', event.id)).toBe(1);
  });

  it('applies an idempotent handler without an inbox entry, as often as the event arrives', async () => {
    const [transitId, driverId] = [randomUUID(), randomUUID()];
    const event = {
      type: contracts.driverFreed.type,
      subject: transitId,
      id: randomUUID(),
      data: { driverId, transitId },
    };
    const answers = await Promise.all([sendEvent(fixture.service.url, event), sendEvent(fixture.service.url, event)]);
    expect(answers.map((r) => r.status)).toEqual([202, 202]);
    expect((await sendEvent(fixture.service.url, event)).status).toBe(202);
    const notes = await fixture.db.query<{ text: string }>('SELECT text FROM notes WHERE id = $1', [transitId]);
    expect(notes.rows).toEqual([{ text: `driver ${driverId} freed` }]);
    expect(await count('SELECT count(*) AS n FROM mesh_inbox WHERE id = $1', event.id)).toBe(0);
  });

  it("refuses an idempotent handler's second statement and its emits (500: a bug to fix, retried meanwhile)", async () => {
    for (const driverId of [TWO_STATEMENTS_DRIVER, EMITTING_DRIVER]) {
      const transitId = randomUUID();
      const res = await sendEvent(fixture.service.url, {
        type: contracts.driverFreed.type,
        subject: transitId,
        data: { driverId, transitId },
      });
      expect(res.status).toBe(500);
      expect(await count("SELECT count(*) AS n FROM mesh_outbox WHERE data->>'transitId' = $1", transitId)).toBe(0);
    }
  });

  it('accepts structured mode as well as binary mode', async () => {
    const res = await sendEvent(fixture.service.url, issueInvoice('Structured'), { mode: 'structured' });
    expect(res.status).toBe(202);
  });

  it('answers 400 with a message naming the field when the data breaks the contract, and stores nothing', async () => {
    const event = issueInvoice('Ada', { amount: { amount: 12.5, currency: 'PLN' }, transitId: 'not-a-uuid' });
    const res = await sendEvent(fixture.service.url, event);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { message: string[] };
    expect(body.message.join('\n')).toMatch(/amount\/amount/);
    expect(body.message.join('\n')).toMatch(/transitId/);
    expect(await count('SELECT count(*) AS n FROM mesh_inbox WHERE id = $1', '')).toBe(0);
  });

  it('answers 400 for a type it does not handle, and for something that is not a CloudEvent', async () => {
    const unknown = await sendEvent(fixture.service.url, { type: 'cabs.fees.calculate-fee', data: {} });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { message: string }).message).toMatch(
      /does not handle events of type 'cabs\.fees\.calculate-fee'/,
    );
    const garbage = await fetch(fixture.service.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"hello":"world"}',
    });
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as { message: string }).message).toMatch(/Not a valid CloudEvent/);
  });

  it('answers 409 for "not yet" (the mesh retries) and 422 for "never" (the mesh dead-letters)', async () => {
    expect((await sendEvent(fixture.service.url, issueInvoice('not-yet'))).status).toBe(409);
    const never = await sendEvent(fixture.service.url, issueInvoice('never'));
    expect(never.status).toBe(422);
    expect(((await never.json()) as { message: string }).message).toBe('this client can never be invoiced');
  });

  it('replies with a CloudEvent, and with the same reply when the request is delivered again', async () => {
    const request = {
      type: contracts.legacyCalculateFee.type,
      source: 'usvc://cabs/legacy',
      subject: randomUUID(),
      id: randomUUID(),
      data: { 'driver-id': 7, 'transit-price': 5100 },
    };
    const first = await sendEvent(fixture.service.url, request);
    expect(first.status).toBe(200);
    expect(first.headers.get('ce-type')).toBe(contracts.legacyDriverFee.type);
    expect(first.headers.get('ce-subject')).toBe(request.subject);
    expect(first.headers.get('ce-source')).toBe('usvc://cabs/drivers');
    expect(await first.json()).toEqual({ 'driver-id': 7, fee: 5000 });
    const again = await sendEvent(fixture.service.url, request);
    expect(again.status).toBe(200);
    expect(again.headers.get('ce-id')).toBe(first.headers.get('ce-id'));
  });

  it('continues the trace of the event it handles on the events it emits', async () => {
    const traceId = randomUUID().replace(/-/g, '');
    const event = { ...issueInvoice('Traced'), traceparent: `00-${traceId}-00f067aa0ba902b7-01` };
    expect((await sendEvent(fixture.service.url, event)).status).toBe(202);
    const transitId = (event.data as { transitId: string }).transitId;
    const [emitted] = await waitFor('the traced event at the sink', () => issuedAbout(fixture.sink, transitId));
    expect(String(emitted.traceparent)).toContain(traceId);
  });

  it('keeps events while the mesh is down and publishes them, in order per subject, once it is back', async () => {
    fixture.sink.respondWith(503);
    const subject = randomUUID();
    const first = issueInvoice('Order-1', { transitId: subject });
    const second = issueInvoice('Order-2', { transitId: randomUUID() });
    second.subject = subject;
    expect((await sendEvent(fixture.service.url, first)).status).toBe(202);
    expect((await sendEvent(fixture.service.url, second)).status).toBe(202);
    await waitFor(
      'a failed publish attempt recorded',
      async () =>
        (await count('SELECT count(*) AS n FROM mesh_outbox WHERE subject = $1 AND attempts > 0', subject)) > 0,
    );
    fixture.sink.respondWith(202);
    const arrived = await waitFor('both events of the subject at the sink', () => {
      const found = fixture.sink.ofType(contracts.invoiceIssued.type).filter((e) => e.subject === subject);
      return found.length === 2 ? found : undefined;
    });
    expect(arrived.map((e) => (e.data as { transitId: string }).transitId)).toEqual([
      subject,
      (second.data as { transitId: string }).transitId,
    ]);
  });

  it('re-sends an event whose publish was not acknowledged, with the same id for the receiver to deduplicate', async () => {
    // The mesh takes the event but the acknowledgement is lost, as when the relay dies between publish and mark.
    fixture.sink.respondWith((_event, attempt) => (attempt === 1 ? 500 : 202));
    const event = issueInvoice('Lost-ack');
    expect((await sendEvent(fixture.service.url, event)).status).toBe(202);
    const transitId = (event.data as { transitId: string }).transitId;
    const [published] = await waitFor('the re-sent event', () => issuedAbout(fixture.sink, transitId));
    expect(await count('SELECT attempts AS n FROM mesh_outbox WHERE id = $1', published.id)).toBe(1);
    fixture.sink.respondWith(202);
  });

  const relayLock = "x'6d657368'::int"; // the relay's advisory lock, "mesh"
  /** An event left in the outbox as a write of another process leaves it: due at once, or leased for `leaseMs`. */
  const leftInOutbox = async (leaseMs = 0) => {
    const transitId = randomUUID();
    await fixture.db.query(
      `INSERT INTO mesh_outbox (id, type, source, subject, dataschema, data, next_attempt_at)
       VALUES ($1, $2, 'usvc://cabs/fixture', $3, $4, $5, now() + $6::int * interval '1 millisecond')`,
      [
        randomUUID(),
        contracts.invoiceIssued.type,
        transitId,
        contracts.invoiceIssued.dataschema,
        { transitId, invoiceNumber: 'FV/1', amount: money(100) },
        leaseMs,
      ],
    );
    const unsent = () =>
      count("SELECT count(*) AS n FROM mesh_outbox WHERE data->>'transitId' = $1 AND sent_at IS NULL", transitId);
    return { transitId, unsent };
  };

  it("publishes a write's events right after its commit, without waiting for the relay's sweep", async () => {
    const otherReplica = new pg.Client({ connectionString: fixture.databaseUrl });
    await otherReplica.connect();
    try {
      // With the sweep held off (another replica's relay holds the lock), only the writer can publish the event.
      await otherReplica.query(`SELECT pg_advisory_lock(${relayLock})`);
      const event = issueInvoice('Published-at-once');
      expect((await sendEvent(fixture.service.url, event)).status).toBe(202);
      const transitId = (event.data as { transitId: string }).transitId;
      await waitFor(
        'the event at the sink and marked sent',
        async () =>
          issuedAbout(fixture.sink, transitId) !== undefined &&
          (await count(
            "SELECT count(*) AS n FROM mesh_outbox WHERE data->>'transitId' = $1 AND sent_at IS NOT NULL",
            transitId,
          )) === 1,
      );
    } finally {
      await otherReplica.end();
    }
  });

  it('publishes a write of a dozen events once each, in the order written, and marks every one sent', async () => {
    const subject = randomUUID();
    const transitIds = Array.from({ length: 12 }, () => randomUUID());
    // Numbers that cross a power of ten (…998, 999, 1000, …): sorted as text, 1000 comes before 999.
    await fixture.db.query(
      "SELECT setval(pg_get_serial_sequence('mesh_outbox', 'seq'), (SELECT (coalesce(max(seq), 0) / 1000 + 1) * 1000 - 6 FROM mesh_outbox))",
    );
    await fixture.service.app.get(UnitOfWork).run(async ({ emit }) => {
      for (const transitId of transitIds) emit(contracts.invoiceIssued, invoiceIssued(transitId), { subject });
    });
    const arrived = () => fixture.sink.ofType(contracts.invoiceIssued.type).filter((e) => e.subject === subject);
    const unsent = () => count('SELECT count(*) AS n FROM mesh_outbox WHERE subject = $1 AND sent_at IS NULL', subject);
    await waitFor(
      'the dozen at the sink and marked sent',
      async () => arrived().length >= 12 && (await unsent()) === 0,
    );
    await fixture.service.app.get(OutboxRelay).relayOnce(); // the sweep finds nothing of them left to send
    expect(arrived().map((e) => (e.data as { transitId: string }).transitId)).toEqual(transitIds);
  });

  it("leaves a write to the sweep while its subject's previous one is still being published, and sends each event once", async () => {
    const subject = randomUUID();
    const work = fixture.service.app.get(UnitOfWork);
    const transitIds = Array.from({ length: 5 }, () => randomUUID());
    // The first write's event is published by the writer and marked sent a moment later; the second write, right
    // behind it, finds it unsent and is left to the sweep, which sends its events after the first.
    await work.run(async ({ emit }) => emit(contracts.invoiceIssued, invoiceIssued(transitIds[0]), { subject }));
    await work.run(async ({ emit }) => {
      for (const transitId of transitIds.slice(1)) emit(contracts.invoiceIssued, invoiceIssued(transitId), { subject });
    });
    const arrived = () => fixture.sink.ofType(contracts.invoiceIssued.type).filter((e) => e.subject === subject);
    const unsent = () => count('SELECT count(*) AS n FROM mesh_outbox WHERE subject = $1 AND sent_at IS NULL', subject);
    await waitFor('all five at the sink and marked sent', async () => arrived().length >= 5 && (await unsent()) === 0);
    await fixture.service.app.get(OutboxRelay).relayOnce();
    expect(arrived().map((e) => (e.data as { transitId: string }).transitId)).toEqual(transitIds);
  });

  it('leaves the sweep to the relay of another replica while it holds the relay lock', async () => {
    const relay = fixture.service.app.get(OutboxRelay);
    const otherReplica = new pg.Client({ connectionString: fixture.databaseUrl });
    await otherReplica.connect();
    try {
      await otherReplica.query(`SELECT pg_advisory_lock(${relayLock})`);
      const { unsent } = await leftInOutbox();
      expect(await relay.relayOnce()).toBe(0);
      expect(await unsent()).toBe(1);

      await otherReplica.query(`SELECT pg_advisory_unlock(${relayLock})`);
      await waitFor('the event published once the lock is free', async () => {
        await relay.relayOnce();
        return (await unsent()) === 0;
      });
    } finally {
      await otherReplica.end();
    }
  });

  it('sweeps up the events of a writer that died before publishing them, once their lease has run out', async () => {
    const relay = fixture.service.app.get(OutboxRelay);
    const { transitId, unsent } = await leftInOutbox(60_000);
    expect(await relay.relayOnce()).toBe(0); // still leased to the writer
    expect(await unsent()).toBe(1);
    // The lease runs out (it lasts the send timeout and a margin; here, at once).
    await fixture.db.query("UPDATE mesh_outbox SET next_attempt_at = now() WHERE data->>'transitId' = $1", [transitId]);
    await waitFor('the event published by the sweep', async () => (await unsent()) === 0);
  });

  it('leaves nothing due in the outbox once the relay has had its turn', async () => {
    const relay = fixture.service.app.get(OutboxRelay);
    // relayOnce yields to a round already running (one relay per database), so wait for the condition itself.
    await waitFor('an outbox with nothing due', async () => {
      await relay.relayOnce();
      return (
        (await count('SELECT count(*) AS n FROM mesh_outbox WHERE sent_at IS NULL AND next_attempt_at <= now()')) === 0
      );
    });
  });

  it('lets a sender still uploading an oversized event finish, and read its 413', async () => {
    // Answered and closed while the body was still coming, the sender got a broken pipe instead of the 413.
    const headers = {
      'content-type': 'application/json',
      'ce-specversion': '1.0',
      'ce-id': randomUUID(),
      'ce-source': 'test',
      'ce-type': issueInvoiceV1.type,
    };
    expect(await uploadSlowly(fixture.service.url, 2 * 1024 * 1024, headers)).toEqual({ status: 413 });
  });
});
