import { describe, expect, it } from 'vitest';
import { contracts } from '@cabs/contracts';
import { serviceUnderTest } from '@cabs/testing';
import { AppModule } from '../src/app.module.js';
import { deliverIssueInvoice, issueInvoice, type IssueInvoice } from './issue-invoice-commands.js';

describe('issue-invoice above the simplified-invoice limit', () => {
  const invoicing = serviceUnderTest(AppModule, { database: 'invoicing' });

  const command = (gross: number) => issueInvoice({ gross: { amount: gross, currency: 'PLN' } });
  const deliver = (data: IssueInvoice) => deliverIssueInvoice(invoicing.service.url, data);
  const invoicesOf = async (transitId: string) =>
    (await invoicing.db.query('SELECT number FROM invoices WHERE transit_id = $1', [transitId])).rows;
  const queuedAbout = async (transitId: string) =>
    (await invoicing.db.query('SELECT type FROM mesh_outbox WHERE subject = $1', [transitId])).rows;

  it('refuses for good (422) a ride dearer than PLN 450.00, issuing nothing and taking no number', async () => {
    const dear = command(45_001);
    const res = await deliver(dear);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { message: string }).message).toMatch(
      new RegExp(
        `^Transit ${dear.transitId} costs 450\\.01 PLN, above the 450\\.00 PLN a simplified invoice may state`,
      ),
    );
    expect(await invoicesOf(dear.transitId)).toEqual([]);
    expect(await queuedAbout(dear.transitId)).toEqual([]);
    // Asked again, it is refused again: the rule, not a passing failure.
    expect((await deliver(dear)).status).toBe(422);

    const atTheLimit = command(45_000);
    expect((await deliver(atTheLimit)).status).toBe(202);
    expect(await invoicesOf(atTheLimit.transitId)).toEqual([{ number: expect.stringMatching(/^\d{4}\/000001$/) }]);
    expect(await queuedAbout(atTheLimit.transitId)).toEqual([{ type: contracts.invoiceIssued.type }]);
  });
});
