import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contracts, issueInvoiceV1, issueInvoiceV2, type DataOf, type EventContract } from '@cabs/contracts';
import { sendEvent, serviceUnderTest, waitFor } from '@cabs/testing';
import { AppModule } from '../src/app.module.js';
import { deliverIssueInvoice } from './issue-invoice-commands.js';

type IssueInvoiceV1 = DataOf<typeof issueInvoiceV1>;
type IssueInvoiceV2 = DataOf<typeof issueInvoiceV2>;
type InvoiceIssued = DataOf<typeof contracts.invoiceIssued>;

/** While v1 drains (docs/decisions/0010), both versions of issue-invoice make the same invoice: one per ride. */
describe('issue-invoice v1 and v2 side by side', () => {
  const invoicing = serviceUnderTest(AppModule, { database: 'invoicing' });

  const ride = () => ({ transitId: randomUUID(), clientId: randomUUID(), clientName: 'Ada Lovelace' });
  const v1 = (r: ReturnType<typeof ride>, amount = 2900): IssueInvoiceV1 => ({
    ...r,
    amount: { amount, currency: 'PLN' },
  });
  const v2 = (r: ReturnType<typeof ride>, amount = 2900, basisPoints = 800): IssueInvoiceV2 => ({
    ...r,
    gross: { amount, currency: 'PLN' },
    taxRate: { basisPoints },
  });
  const deliver = (contract: EventContract, data: IssueInvoiceV1 | IssueInvoiceV2) =>
    deliverIssueInvoice(invoicing.service.url, data, { contract });

  const invoicesOf = async (transitId: string) =>
    (
      await invoicing.db.query('SELECT amount, net, tax, tax_rate_bp, currency FROM invoices WHERE transit_id = $1', [
        transitId,
      ])
    ).rows;
  const issuedFor = (transitId: string) =>
    invoicing.sink
      .ofType(contracts.invoiceIssued.type)
      .filter((e) => (e.data as InvoiceIssued).transitId === transitId);
  const listed = async (transitId: string) =>
    (await invoicing.service.http.get(`/invoices?transitId=${transitId}`)).body;

  it('issues a v1 command at 8 %, the rate of every ride v1 was sent for', async () => {
    const r = ride();

    expect((await deliver(issueInvoiceV1, v1(r, 2900))).status).toBe(202);

    expect(await invoicesOf(r.transitId)).toEqual([
      { amount: '2900', net: '2685', tax: '215', tax_rate_bp: 800, currency: 'PLN' },
    ]);
    expect(await listed(r.transitId)).toEqual([
      expect.objectContaining({
        amount: { amount: 2900, currency: 'PLN' },
        net: { amount: 2685, currency: 'PLN' },
        tax: { amount: 215, currency: 'PLN' },
        taxRate: { basisPoints: 800 },
      }),
    ]);
    const [issued] = await waitFor(
      'invoice-issued for the v1 command',
      () => issuedFor(r.transitId).length === 1 && issuedFor(r.transitId),
    );
    expect(issued.data).toMatchObject({
      amount: { amount: 2900, currency: 'PLN' },
      net: { amount: 2685, currency: 'PLN' },
      tax: { amount: 215, currency: 'PLN' },
      taxRate: { basisPoints: 800 },
    });
  });

  it('issues a v2 command at the rate it names', async () => {
    const r = ride();

    expect((await deliver(issueInvoiceV2, v2(r, 12_300, 2300))).status).toBe(202);

    expect(await invoicesOf(r.transitId)).toEqual([
      { amount: '12300', net: '10000', tax: '2300', tax_rate_bp: 2300, currency: 'PLN' },
    ]);
  });

  it.each([
    ['v1, then v2', [issueInvoiceV1, issueInvoiceV2]],
    ['v2, then v1', [issueInvoiceV2, issueInvoiceV1]],
  ])('issues one invoice for a ride whose command came twice, %s: the first wins', async (_order, [first, second]) => {
    const r = ride();
    const command = (c: EventContract) => (c === issueInvoiceV2 ? v2(r, 2900) : v1(r, 2900));

    expect((await deliver(first, command(first))).status).toBe(202);
    expect((await deliver(second, command(second))).status).toBe(202);

    expect(await invoicesOf(r.transitId)).toHaveLength(1);
    // One fact about the one invoice; the second command may state it again (restate: the same event, same id).
    await waitFor('invoice-issued for the ride', () => issuedFor(r.transitId).length >= 1);
    expect(new Set(issuedFor(r.transitId).map((e) => e.id)).size).toBe(1);
    expect(
      (
        await invoicing.db.query("SELECT count(*)::int AS n FROM mesh_outbox WHERE data->>'transitId' = $1", [
          r.transitId,
        ])
      ).rows,
    ).toEqual([{ n: 1 }]);
  });

  it('issues one invoice when a v1 and a v2 for one ride arrive at the same time', async () => {
    const r = ride();

    const answers = await Promise.all([
      deliver(issueInvoiceV1, v1(r)),
      deliver(issueInvoiceV2, v2(r)),
      deliver(issueInvoiceV1, v1(r)),
      deliver(issueInvoiceV2, v2(r)),
    ]);

    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202]);
    expect(await invoicesOf(r.transitId)).toHaveLength(1);
  });

  it('reads a command without a dataschema as v2, so a v1 sender must name its version', async () => {
    const r = ride();

    const res = await sendEvent(invoicing.service.url, {
      type: issueInvoiceV1.type,
      source: 'usvc://cabs/transit',
      subject: r.transitId,
      data: v1(r),
    });

    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string[] }).message).toEqual([
      "data: missing required property 'gross'",
      "data: missing required property 'taxRate'",
    ]);
    expect(await invoicesOf(r.transitId)).toEqual([]);
  });
});
