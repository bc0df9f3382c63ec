import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { contracts, issueInvoiceV2, type DataOf } from '@cabs/contracts';
import { createServiceDatabase, EventSink, sendEvent, startServiceApp, type RunningService } from '@cabs/testing';
import { AppModule } from '../src/app.module.js';

type IssueInvoice = DataOf<typeof issueInvoiceV2>;

describe('issue-invoice above the simplified-invoice limit', () => {
  let db: pg.Pool;
  let sink: EventSink;
  let svc: RunningService;

  const command = (gross: number): IssueInvoice => ({
    transitId: randomUUID(),
    clientId: randomUUID(),
    clientName: 'Ada Lovelace',
    gross: { amount: gross, currency: 'PLN' },
    taxRate: { basisPoints: 800 },
  });
  const deliver = (data: IssueInvoice) =>
    sendEvent(svc.url, {
      type: issueInvoiceV2.type,
      dataschema: issueInvoiceV2.dataschema,
      source: 'usvc://cabs/transit',
      subject: data.transitId,
      data,
    });
  const invoicesOf = async (transitId: string) =>
    (await db.query('SELECT number FROM invoices WHERE transit_id = $1', [transitId])).rows;
  const queuedAbout = async (transitId: string) =>
    (await db.query('SELECT type FROM mesh_outbox WHERE subject = $1', [transitId])).rows;

  beforeAll(async () => {
    const url = await createServiceDatabase(inject('pg'), 'invoicing');
    db = new pg.Pool({ connectionString: url, max: 2 });
    sink = await EventSink.start();
    svc = await startServiceApp(AppModule, { DATABASE_URL: url, K_SINK: sink.url });
  });

  afterAll(async () => {
    await svc?.close();
    await sink?.close();
    await db?.end();
  });

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
