import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { contracts, issueInvoiceV1, issueInvoiceV2 } from '@cabs/contracts';
import {
  BrokerAdminClient,
  completeThroughMesh,
  prepareRide,
  registerDrivers,
  requestJson,
  type Invoice,
} from '@cabs/client';
import { sendEvent, waitFor } from '@cabs/testing';
import { cabs } from './support/processes.js';
import { meshConfigWith, startTestSystem, type TestSystem } from './support/test-system.js';

const ISSUE_INVOICE = contracts.issueInvoice.type;
const V1 = issueInvoiceV1.dataschema;

/**
 * docs/decisions/0010, end to end: v1 issue-invoice commands a producer on the old version left in the mesh while
 * invoicing was down are still turned into invoices by the invoicing that reads v1 and v2; `cabs drain` reports v1 as
 * drained only once every one of them is delivered; rides completed now ask for their invoice with v2.
 */
describe('issue-invoice v1 → v2: drain v1 before removing it', () => {
  let system: TestSystem;
  const url = (service: 'transit' | 'invoicing', path: string) => `http://127.0.0.1:${system.ports[service]}${path}`;
  const invoicesOf = (transitId: string) =>
    requestJson<Invoice[]>('GET', url('invoicing', `/invoices?transitId=${transitId}`));

  /** `npm run cabs -- drain` for v1, and its answer read back. */
  const drainV1 = async () => {
    const { code, output } = await cabs(['drain', '--type', ISSUE_INVOICE, '--dataschema', V1], {
      CABS_PORT_OFFSET: String(system.ports.broker - 8080),
    });
    const match = /^(drained|not drained): pending (\d+), retrying (\d+), dead (\d+), delivered (\d+)$/m.exec(output);
    if (!match) throw new Error(`unexpected output of cabs drain (exit ${code}):\n${output}`);
    const [, verdict, pending, retrying, dead, delivered] = match;
    return {
      code,
      verdict,
      inFlight: Number(pending) + Number(retrying),
      dead: Number(dead),
      delivered: Number(delivered),
    };
  };

  // Rides the old producer completed: they are not in this transit's database, so their invoice-issued facts wait at
  // the mesh for transit, which this test does not look at.
  const legacyRides = [2900, 1229, 4998].map((price) => ({
    transitId: randomUUID(),
    clientId: randomUUID(),
    clientName: 'Ada Kowalska',
    amount: { amount: price, currency: 'PLN' },
  }));

  beforeAll(async () => {
    // A retry budget (about 40 s) that spans the outage below, with short first steps so the test is quick.
    system = await startTestSystem({
      meshConfig: meshConfigWith({ retry: 10, backoffPolicy: 'exponential', backoffDelay: 'PT0.02S' }),
    });
    await registerDrivers(system.urls.drivers);
  });
  afterAll(() => system?.stop());
  const dumpLogsOnFailure = () => onTestFailed(() => console.log(system.logs.slice(-150).join('\n')));

  it('accepts v1 commands from an old producer while invoicing is down, and reports v1 as not drained', async () => {
    dumpLogsOnFailure();
    await system.supervisor.stop('invoicing', { kill: true });

    for (const data of legacyRides) {
      const answer = await sendEvent(`http://127.0.0.1:${system.ports.broker}/cabs/default`, {
        type: ISSUE_INVOICE,
        dataschema: V1,
        source: 'usvc://cabs/transit',
        subject: data.transitId,
        data,
      });
      expect(answer.status).toBe(202);
    }

    expect(await drainV1()).toEqual({ code: 1, verdict: 'not drained', inFlight: 3, dead: 0, delivered: 0 });
  });

  it('issues their invoices once invoicing, which reads v1 and v2, is back; v1 is drained only when all are delivered', async () => {
    dumpLogsOnFailure();
    await system.supervisor.start('invoicing');

    const drained = await waitFor(
      'cabs drain to report v1 drained',
      async () => {
        const answer = await drainV1();
        return answer.verdict === 'drained' && answer;
      },
      { timeoutMs: 60_000 },
    ); // past the last retry of the budget

    expect(drained).toEqual({ code: 0, verdict: 'drained', inFlight: 0, dead: 0, delivered: 3 });
    for (const { transitId, amount } of legacyRides) {
      const [invoice, ...more] = await invoicesOf(transitId);
      expect(more).toEqual([]);
      // v1 names no rate: invoicing reads it at 8 %.
      expect(invoice).toMatchObject({ amount: { amount: amount.amount }, taxRate: { basisPoints: 800 } });
      expect(invoice.net.amount + invoice.tax.amount).toBe(amount.amount);
    }
  });

  it('asks for the invoice of a ride completed now with v2', async () => {
    dumpLogsOnFailure();
    const ride = await prepareRide(system.urls, 0);
    expect((await completeThroughMesh(system.urls.ingress, ride)).status).toBe(202);

    const [invoice] = await waitFor(
      `the invoice of ride ${ride.id}`,
      async () => {
        const found = await invoicesOf(ride.id);
        return found.length > 0 && found;
      },
      { timeoutMs: 30_000 },
    );
    const sent = await new BrokerAdminClient(`http://127.0.0.1:${system.ports.brokerAdmin}`).events({
      type: ISSUE_INVOICE,
      subject: ride.id,
    });

    expect(sent.map((e) => e.attributes.dataschema)).toEqual([issueInvoiceV2.dataschema]);
    expect(invoice).toMatchObject({ taxRate: { basisPoints: 800 } });
    expect(invoice.net.amount + invoice.tax.amount).toBe(invoice.amount.amount);
    expect(await drainV1()).toMatchObject({ verdict: 'drained', delivered: 3 });
  });
});
