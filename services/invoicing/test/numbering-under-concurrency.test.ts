import { describe, expect, it } from 'vitest';
import { contracts, type DataOf } from '@cabs/contracts';
import { serviceUnderTest, waitFor } from '@cabs/testing';
import { AppModule } from '../src/app.module.js';
import { formatInvoiceNumber } from '../src/domain/invoice-number.js';
import { deliverIssueInvoice, issueInvoice, setClock, type IssueInvoice } from './issue-invoice-commands.js';

type InvoiceIssued = DataOf<typeof contracts.invoiceIssued>;

/**
 * Invoice numbers must stay gap-free and unique however the work is spread: Knative may run several replicas on one
 * database, the mesh may deliver a ride's command twice at once, and an issuer may roll back. Each test numbers its
 * own year, so every sequence it checks starts at 1.
 */
describe('invoice numbers under concurrency: two replicas on one database', () => {
  const invoicing = serviceUnderTest(AppModule, { database: 'invoicing', replicas: 2 });

  const setClocks = (...isos: string[]) =>
    invoicing.replicas.forEach((replica, i) => setClock(replica, isos[i] ?? isos[0]));
  const ride = () => issueInvoice();
  /** A fresh delivery (new event id) to one replica, round robin by `n`. */
  const deliver = (data: IssueInvoice, n: number) =>
    deliverIssueInvoice(invoicing.replicas[n % invoicing.replicas.length].url, data);

  const sequencesOf = async (year: number) =>
    (
      await invoicing.db.query<{ sequence: number }>(
        'SELECT sequence FROM invoices WHERE year = $1 ORDER BY sequence',
        [year],
      )
    ).rows.map((r) => r.sequence);
  const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  /** The numbers stated in invoice-issued are exactly the stored ones: one event per invoice, none for a loser. */
  const expectEventsToMatchInvoices = async (rides: IssueInvoice[]) => {
    const wanted = new Set(rides.map((r) => r.transitId));
    // One fact per ride: a repeated command gets the same event published again (same id), which receivers ignore.
    const stated = await waitFor(`${wanted.size} invoice-issued for these rides`, () => {
      const events = invoicing.sink
        .ofType(contracts.invoiceIssued.type)
        .filter((e) => wanted.has((e.data as InvoiceIssued).transitId));
      const distinct = [...new Map(events.map((e) => [e.id, e.data as InvoiceIssued])).values()];
      return distinct.length >= wanted.size && distinct;
    });
    const stored = await invoicing.db.query<{ transit_id: string; number: string }>(
      'SELECT transit_id, number FROM invoices WHERE transit_id = ANY($1::uuid[])',
      [[...wanted]],
    );
    const byTransit = (rows: { transitId: string; number: string }[]) =>
      Object.fromEntries(rows.map((r) => [r.transitId, r.number]));
    expect(stated).toHaveLength(wanted.size);
    expect(byTransit(stated)).toEqual(
      byTransit(stored.rows.map((r) => ({ transitId: r.transit_id, number: r.number }))),
    );
  };

  it('numbers 40 rides sent to both replicas at once 1 to 40', async () => {
    setClocks('2040-05-01T10:00:00.000Z');
    const rides = Array.from({ length: 40 }, ride);

    const answers = await Promise.all(rides.map((data, n) => deliver(data, n)));

    expect(answers.map((r) => r.status)).toEqual(Array(40).fill(202));
    expect(await sequencesOf(2040)).toEqual(oneTo(40));
    await expectEventsToMatchInvoices(rides);
  });

  it('skips no number when every ride is asked for twice at once, on both replicas, under different event ids', async () => {
    setClocks('2041-05-01T10:00:00.000Z');
    const rides = Array.from({ length: 20 }, ride);

    const answers = await Promise.all(rides.flatMap((data) => [deliver(data, 0), deliver(data, 1)]));

    expect(answers.map((r) => r.status)).toEqual(Array(40).fill(202));
    // A losing duplicate that took a number before finding the invoice would leave a gap, or a 21st number.
    expect(await sequencesOf(2041)).toEqual(oneTo(20));
    expect((await invoicing.db.query('SELECT last FROM invoice_counters WHERE year = 2041')).rows).toEqual([
      { last: 20 },
    ]);
    await expectEventsToMatchInvoices(rides);
  });

  it("numbers each year from 1 when the replicas' clocks straddle New Year in Warsaw", async () => {
    setClocks('2042-12-31T22:59:59.900Z', '2042-12-31T23:00:00.100Z'); // 23:59:59.9 and 00:00:00.1 in Warsaw
    const rides = Array.from({ length: 30 }, ride);

    const answers = await Promise.all(rides.map((data, n) => deliver(data, n)));

    expect(answers.map((r) => r.status)).toEqual(Array(30).fill(202));
    expect(await sequencesOf(2042)).toEqual(oneTo(15));
    expect(await sequencesOf(2043)).toEqual(oneTo(15));
    await expectEventsToMatchInvoices(rides);
  });

  it("hands a rolled-back issuer's number to the issuers queued behind it", async () => {
    setClocks('2044-05-01T10:00:00.000Z');
    const rival = await invoicing.db.connect();
    try {
      await rival.query('BEGIN');
      await rival.query('INSERT INTO invoice_counters (year, last) VALUES (2044, 1)');
      const rides = Array.from({ length: 10 }, ride);
      const answers = Promise.all(rides.map((data, n) => deliver(data, n)));
      await waitFor('the 10 issuers to queue behind the rival on the 2044 counter', async () => {
        const waiting = await invoicing.db.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%invoice_counters%'",
        );
        return waiting.rows[0].n === 10;
      });

      await rival.query('ROLLBACK');

      expect((await answers).map((r) => r.status)).toEqual(Array(10).fill(202));
      expect(await sequencesOf(2044)).toEqual(oneTo(10));
      await expectEventsToMatchInvoices(rides);
    } finally {
      rival.release();
    }
  });

  it('prints the numbers it stores as the domain does, past the sixth digit too', async () => {
    setClocks('2045-05-01T10:00:00.000Z');
    await invoicing.db.query('INSERT INTO invoice_counters (year, last) VALUES (2045, 999998)');
    const rides = Array.from({ length: 3 }, ride);

    for (const [n, data] of rides.entries()) expect((await deliver(data, n)).status).toBe(202);

    const stored = await invoicing.db.query<{ number: string; year: number; sequence: number }>(
      'SELECT number, year, sequence FROM invoices WHERE year = 2045 ORDER BY sequence',
    );
    expect(stored.rows.map((r) => r.number)).toEqual(['2045/999999', '2045/1000000', '2045/1000001']);
    expect(stored.rows.map((r) => r.number)).toEqual(stored.rows.map((r) => formatInvoiceNumber(r)));
    await expectEventsToMatchInvoices(rides);
  });
});
