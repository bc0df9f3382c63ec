import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InvoiceView } from '@cabs/contracts';
import { serviceUnderTest } from '@cabs/testing';
import { AppModule } from '../src/app.module.js';
import { deliverIssueInvoice, issueInvoice, setClock, type IssueInvoice } from './issue-invoice-commands.js';

describe('the invoice queries', () => {
  const invoicing = serviceUnderTest(AppModule, { database: 'invoicing' });
  const client = randomUUID();
  const taxRate = { basisPoints: 800 };
  const rides: IssueInvoice[] = [];

  const get = async (path: string) => {
    const { status, body } = await invoicing.service.http.get(path);
    return { status, body: body as unknown };
  };

  /** Issues an invoice through the mesh, as transit would ask for it, at the given time. */
  const invoice = async (data: IssueInvoice, issuedAt: string) => {
    setClock(invoicing.service, issuedAt);
    expect((await deliverIssueInvoice(invoicing.service.url, data)).status).toBe(202);
  };

  beforeAll(async () => {
    for (const [i, day] of ['2026-01-10', '2026-02-10', '2026-03-10'].entries()) {
      const data = issueInvoice({ clientId: client, gross: { amount: 1000 * (i + 1), currency: 'PLN' }, taxRate });
      rides.push(data);
      await invoice(data, `${day}T12:00:00.000Z`);
    }
    await invoice(
      issueInvoice({ clientName: 'Someone Else', gross: { amount: 700, currency: 'PLN' }, taxRate }),
      '2026-04-10T12:00:00.000Z',
    );
  });

  it("finds a ride's invoice by the transit id", async () => {
    const { status, body } = await get(`/invoices?transitId=${rides[1].transitId}`);

    expect(status).toBe(200);
    expect(body).toEqual([
      {
        id: expect.any(String),
        number: '2026/000002',
        transitId: rides[1].transitId,
        clientId: client,
        clientName: 'Ada Lovelace',
        amount: { amount: 2000, currency: 'PLN' },
        net: { amount: 1852, currency: 'PLN' },
        tax: { amount: 148, currency: 'PLN' },
        taxRate: { basisPoints: 800 },
        issuedAt: '2026-02-10T12:00:00.000Z',
      },
    ]);
  });

  it("lists a client's invoices newest first, as many as asked for", async () => {
    const all = await get(`/invoices?clientId=${client}`);
    const two = await get(`/invoices?clientId=${client}&limit=2`);

    expect((all.body as InvoiceView[]).map((i) => i.number)).toEqual(['2026/000003', '2026/000002', '2026/000001']);
    expect((two.body as InvoiceView[]).map((i) => i.number)).toEqual(['2026/000003', '2026/000002']);
  });

  it('lists every invoice without a filter, and none for a ride without one', async () => {
    expect(((await get('/invoices')).body as InvoiceView[]).map((i) => i.number)).toEqual([
      '2026/000004',
      '2026/000003',
      '2026/000002',
      '2026/000001',
    ]);
    expect(await get(`/invoices?transitId=${randomUUID()}`)).toEqual({ status: 200, body: [] });
  });

  it('shows one invoice by its id', async () => {
    const [listed] = (await get(`/invoices?transitId=${rides[0].transitId}`)).body as InvoiceView[];

    expect(await get(`/invoices/${listed.id}`)).toEqual({ status: 200, body: listed });
  });

  it('answers 404 for an id no invoice has', async () => {
    const id = randomUUID();
    expect(await get(`/invoices/${id}`)).toMatchObject({
      status: 404,
      body: { message: `Invoice ${id} does not exist` },
    });
  });

  it('documents both queries in its OpenAPI document', async () => {
    const { status, body } = await get('/openapi.json');

    expect(status).toBe(200);
    expect(Object.keys((body as { paths: object }).paths)).toEqual(
      expect.arrayContaining(['/invoices', '/invoices/{id}']),
    );
  });

  it.each([
    ['/invoices/42', /^params\/id: must be a UUID/],
    ['/invoices?transitId=nope', /^query\/transitId: must be a UUID/],
    ['/invoices?clientId=', /^query\/clientId: must be a UUID/],
    ['/invoices?limit=0', /^query\/limit: must be at least 1/],
    ['/invoices?limit=many', /^query\/limit: must be an integer/],
    ['/invoices?transitID=0b6f2c4e-6f2a-4f5e-9d3b-2f1a7c9e8d10', /^query\/transitID: unexpected property/],
  ])('answers 400 with what was wrong: GET %s', async (path, message) => {
    const { status, body } = await get(path);

    expect(status).toBe(400);
    expect((body as { message: string[] }).message).toEqual([expect.stringMatching(message)]);
  });
});
