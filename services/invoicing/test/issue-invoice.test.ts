import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contracts, type DataOf } from '@cabs/contracts';
import { serviceUnderTest, waitFor } from '@cabs/testing';
import { AppModule } from '../src/app.module.js';
import {
  deliverIssueInvoice,
  issueInvoice,
  setClock as setServiceClock,
  type IssueInvoice,
} from './issue-invoice-commands.js';

type InvoiceIssued = DataOf<typeof contracts.invoiceIssued>;

describe('issue-invoice: one invoice per ride, numbered without gaps per year', () => {
  const invoicing = serviceUnderTest(AppModule, { database: 'invoicing' });

  /** Every test numbers its own year, so the sequences it checks start at 1. */
  const setClock = (iso: string) => setServiceClock(invoicing.service, iso);
  const deliver = (data: IssueInvoice, id?: string) => deliverIssueInvoice(invoicing.service.url, data, { id });

  const numbersOfYear = async (year: number) =>
    (
      await invoicing.db.query<{ number: string }>('SELECT number FROM invoices WHERE year = $1 ORDER BY sequence', [
        year,
      ])
    ).rows.map((r) => r.number);
  const invoicesOf = async (transitId: string) =>
    (await invoicing.db.query('SELECT * FROM invoices WHERE transit_id = $1', [transitId])).rows;
  const issuedEventsFor = async (transitId: string) =>
    (
      await invoicing.db.query("SELECT * FROM mesh_outbox WHERE type = $1 AND data->>'transitId' = $2", [
        contracts.invoiceIssued.type,
        transitId,
      ])
    ).rows;
  const expectedNumbers = (year: number, count: number) =>
    Array.from({ length: count }, (_, i) => `${year}/${String(i + 1).padStart(6, '0')}`);

  it('issues the invoice, split into net and tax, and states it with invoice-issued, about the ride', async () => {
    setClock('2030-03-14T10:00:00.000Z');
    const data = issueInvoice({ clientName: 'Grace Hopper', gross: { amount: 4998, currency: 'PLN' } });

    expect((await deliver(data)).status).toBe(202);

    const [invoice] = await invoicesOf(data.transitId);
    // 4998 × 8 / 108 = 370.22 of tax
    expect(invoice).toMatchObject({
      number: '2030/000001',
      client_id: data.clientId,
      client_name: 'Grace Hopper',
      amount: '4998',
      net: '4628',
      tax: '370',
      tax_rate_bp: 800,
      currency: 'PLN',
    });
    const published = await waitFor('invoice-issued at the sink', () =>
      invoicing.sink
        .ofType(contracts.invoiceIssued.type)
        .find((e) => (e.data as InvoiceIssued).transitId === data.transitId),
    );
    expect(published).toMatchObject({
      source: 'usvc://cabs/invoicing',
      subject: data.transitId,
      dataschema: contracts.invoiceIssued.dataschema,
    });
    expect(published.data).toEqual({
      invoiceId: invoice.id,
      number: '2030/000001',
      transitId: data.transitId,
      clientId: data.clientId,
      amount: { amount: 4998, currency: 'PLN' },
      net: { amount: 4628, currency: 'PLN' },
      tax: { amount: 370, currency: 'PLN' },
      taxRate: { basisPoints: 800 },
      issuedAt: '2030-03-14T10:00:00.000Z',
    });
  });

  it('does nothing more when the same command is delivered again', async () => {
    setClock('2031-05-01T10:00:00.000Z');
    const data = issueInvoice();
    const eventId = randomUUID();

    const answers = [await deliver(data, eventId), await deliver(data, eventId)];

    expect(answers.map((r) => r.status)).toEqual([202, 202]);
    expect(await invoicesOf(data.transitId)).toHaveLength(1);
    expect(await issuedEventsFor(data.transitId)).toHaveLength(1);
  });

  it('answers a different command for an invoiced ride with the invoice it has: no new number, its invoice-issued again', async () => {
    setClock('2032-05-01T10:00:00.000Z');
    const data = issueInvoice();
    await deliver(data);

    const reissue = await deliver({ ...data, gross: { amount: 1, currency: 'PLN' } });

    expect(reissue.status).toBe(202);
    const [invoice] = await invoicesOf(data.transitId);
    expect(invoice.amount).toBe('2900');
    expect(await issuedEventsFor(data.transitId)).toHaveLength(1);
    expect((await invoicing.db.query('SELECT last FROM invoice_counters WHERE year = 2032')).rows).toEqual([
      { last: 1 },
    ]);
    // Stated again — the same event, same id — in case the first never reached transit (the reconciler asks again).
    const published = await waitFor('the invoice to be stated again', () => {
      const events = invoicing.sink
        .ofType(contracts.invoiceIssued.type)
        .filter((e) => (e.data as InvoiceIssued).transitId === data.transitId);
      return events.length === 2 ? events : undefined;
    });
    expect(published[1].id).toBe(published[0].id);
  });

  it('issues one invoice when different commands for one ride arrive at the same time', async () => {
    setClock('2033-05-01T10:00:00.000Z');
    const data = issueInvoice();

    const answers = await Promise.all(Array.from({ length: 8 }, () => deliver(data)));

    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(202));
    expect(await invoicesOf(data.transitId)).toHaveLength(1);
    expect(await issuedEventsFor(data.transitId)).toHaveLength(1);
    expect(await numbersOfYear(2033)).toEqual(['2033/000001']);
  });

  it('numbers 30 rides invoiced at the same time 1 to 30, without gaps or duplicates', async () => {
    setClock('2034-06-01T10:00:00.000Z');
    const commands = Array.from({ length: 30 }, () => issueInvoice());

    const answers = await Promise.all(commands.map((data) => deliver(data)));

    expect(answers.map((r) => r.status)).toEqual(Array(30).fill(202));
    expect(await numbersOfYear(2034)).toEqual(expectedNumbers(2034, 30));
    const published = await waitFor('30 invoice-issued of 2034 at the sink', () => {
      const numbers = invoicing.sink
        .ofType(contracts.invoiceIssued.type)
        .map((e) => (e.data as InvoiceIssued).number)
        .filter((n) => n.startsWith('2034/'));
      return numbers.length >= 30 && numbers;
    });
    expect(published.sort()).toEqual(expectedNumbers(2034, 30));
  });

  it('gives the number of a rolled-back issue to the next invoice', async () => {
    setClock('2035-06-01T10:00:00.000Z');
    // Another issuer takes number 1 of 2035 and has not committed yet.
    const rival = await invoicing.db.connect();
    try {
      await rival.query('BEGIN');
      const taken = await rival.query('INSERT INTO invoice_counters (year, last) VALUES (2035, 1) RETURNING last');
      expect(taken.rows).toEqual([{ last: 1 }]);
      const data = issueInvoice();
      const answer = deliver(data);
      await waitFor('the issue to queue behind the rival on the 2035 counter', async () => {
        const waiting = await invoicing.db.query(
          "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%invoice_counters%'",
        );
        return waiting.rowCount === 1;
      });

      await rival.query('ROLLBACK');

      expect((await answer).status).toBe(202);
      expect(await numbersOfYear(2035)).toEqual(['2035/000001']);
    } finally {
      rival.release();
    }
  });

  it('starts the sequence again at 000001 on New Year in Warsaw', async () => {
    setClock('2036-12-31T22:59:59.999Z'); // 23:59:59.999 in Warsaw
    const lastOfYear = [issueInvoice(), issueInvoice()];
    for (const data of lastOfYear) await deliver(data);
    setClock('2036-12-31T23:00:00.000Z'); // midnight in Warsaw, still 2036 in UTC
    const firstOfYear = [issueInvoice(), issueInvoice()];
    for (const data of firstOfYear) await deliver(data);

    expect(await numbersOfYear(2036)).toEqual(expectedNumbers(2036, 2));
    expect(await numbersOfYear(2037)).toEqual(expectedNumbers(2037, 2));
    const [first] = await invoicesOf(firstOfYear[0].transitId);
    expect(first.number).toBe('2037/000001');
  });

  it('answers 400 with the field at fault to a command that breaks the contract, and issues nothing', async () => {
    const data = issueInvoice();
    const res = await deliver({ ...data, clientName: '', gross: { amount: -5, currency: 'PLN' } });

    expect(res.status).toBe(400);
    const { message } = (await res.json()) as { message: string[] };
    expect(message).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^data\/clientName: must not be empty/),
        expect.stringMatching(/^data\/gross\/amount: must be at least 0/),
      ]),
    );
    expect(await invoicesOf(data.transitId)).toHaveLength(0);
  });
});
