import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contracts, type ReadTransit } from '@cabs/contracts';
import { serviceUnderTest, waitFor } from '@cabs/testing';
import { AppModule } from '../src/app.module.js';
import { feeCalculated, invoiceIssued, TransitApi } from './support/rides.js';

/**
 * Short enough for a test: rounds at 3.0 s, 3.5 s and 4.5 s after completion, a person asked at 6.5 s. The grace
 * period is the test's time to answer the fee before the first round, on a loaded CI machine too.
 */
const RECONCILE = {
  RECONCILE_INTERVAL: 'PT0.05S',
  RECONCILE_GRACE: 'PT3S',
  RECONCILE_BACKOFF: 'PT0.5S',
  RECONCILE_MAX_ROUNDS: '3',
};

describe('the settlement reconciler', () => {
  // Two replicas on one database, as in production: neither may work on a ride the other holds.
  const transit = serviceUnderTest(AppModule, { database: 'transit', env: RECONCILE, replicas: 2 });
  const api = new TransitApi(transit);

  const answerFee = async (ride: ReadTransit) => {
    expect((await api.deliver(contracts.driverFeeCalculated, feeCalculated(ride, 1204))).status).toBe(202);
  };
  const answerInvoice = async (ride: ReadTransit) => {
    expect((await api.deliver(contracts.invoiceIssued, invoiceIssued(ride, '2026/000001'))).status).toBe(202);
  };
  const answerDriverFreed = async (ride: ReadTransit) => {
    expect((await api.deliver(contracts.driverFreed, { driverId: ride.driverId, transitId: ride.id })).status).toBe(
      202,
    );
  };
  const bookkeeping = async (id: string) => {
    const { rows } = await transit.db.query<{ rounds: number; next: Date | null }>(
      'SELECT reconcile_rounds AS rounds, next_reconcile_at AS next FROM transits WHERE id = $1',
      [id],
    );
    return rows[0];
  };
  /** What reached the mesh about a ride, once everything queued about it has been published. */
  const publishedAbout = async (id: string, type: string) => {
    await waitFor(`the outbox about ${id} to be published`, async () => {
      const { rows } = await transit.db.query('SELECT 1 FROM mesh_outbox WHERE subject = $1 AND sent_at IS NULL', [id]);
      return rows.length === 0;
    });
    return transit.sink.ofType(type).filter((event) => event.subject === id);
  };
  const metric = async (line: RegExp): Promise<number> => {
    const { text } = await transit.service.http.get('/metrics');
    const match = line.exec(text);
    if (!match) throw new Error(`no ${line} in /metrics`);
    return Number(match[1]);
  };
  const needingAttention = () => metric(/^cabs_reconciler_rides_needing_attention (\d+)$/m);

  it('asks again for an invoice that never arrives, then after the last round hands the ride to a person and stops asking', async () => {
    const traceId = randomBytes(16).toString('hex');
    const ride = await api.completed({ traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` });
    await answerFee(ride);
    await answerDriverFreed(ride);

    const [original, again] = await waitFor('issue-invoice sent again', () => {
      const sent = transit.sink.ofType(contracts.issueInvoice.type).filter((event) => event.subject === ride.id);
      return sent.length >= 2 ? sent : undefined;
    });
    expect(again.id).not.toBe(original.id);
    expect(again.data).toEqual(original.data);
    // Still the trace the ride's completion started.
    const traceOf = (traceparent: unknown) => String(traceparent).split('-')[1];
    expect(traceOf(original.traceparent)).toBe(traceId);
    expect(traceOf(again.traceparent)).toBe(traceId);

    const handedOver = await waitFor('the invoice step to need attention', async () => {
      const read = await api.read(ride.id);
      return read.settlement.steps?.invoice === 'needs-attention' ? read : undefined;
    });
    expect(handedOver.settlement).toMatchObject({
      fee: { amount: 1204 },
      invoice: null,
      steps: { fee: 'done', invoice: 'needs-attention', driverFreed: 'done' },
      reconcileRounds: 3,
    });
    // The original and one per round, not one per replica; the fee and the freed driver, answered, were never asked for again.
    expect(await publishedAbout(ride.id, contracts.issueInvoice.type)).toHaveLength(4);
    expect(await publishedAbout(ride.id, contracts.calculateFee.type)).toHaveLength(1);
    expect(await publishedAbout(ride.id, contracts.freeDriver.type)).toHaveLength(1);
    expect(await needingAttention()).toBe(1);
    expect(
      await metric(/^cabs_reconciler_commands_reissued_total\{type="cabs.invoicing.issue-invoice"\} (\d+)$/m),
    ).toBe(3);

    // Rounds go on for another ride, and pass this one by.
    const witness = await api.completed();
    await waitFor('two rounds for another ride', async () => (await bookkeeping(witness.id)).rounds >= 2);
    expect(await publishedAbout(ride.id, contracts.issueInvoice.type)).toHaveLength(4);
    expect(await bookkeeping(ride.id)).toEqual({ rounds: 3, next: null });

    // A late answer still settles the step, and the person has nothing left to do.
    await answerFee(witness);
    await answerInvoice(witness);
    await answerDriverFreed(witness);
    await answerInvoice(ride);
    expect((await api.read(ride.id)).settlement.steps).toEqual({ fee: 'done', invoice: 'done', driverFreed: 'done' });
    expect(await needingAttention()).toBe(0);
  });

  it('leaves alone a ride whose answers all arrived', async () => {
    const ride = await api.completed();
    await answerFee(ride);
    await answerInvoice(ride);
    await answerDriverFreed(ride);

    await waitFor('the reconciler to find the ride settled', async () => (await bookkeeping(ride.id)).next === null);
    expect(await bookkeeping(ride.id)).toEqual({ rounds: 0, next: null });
    expect((await api.read(ride.id)).settlement).toMatchObject({
      steps: { fee: 'done', invoice: 'done', driverFreed: 'done' },
      reconcileRounds: 0,
    });
    expect(await publishedAbout(ride.id, contracts.calculateFee.type)).toHaveLength(1);
    expect(await publishedAbout(ride.id, contracts.issueInvoice.type)).toHaveLength(1);
    expect(await publishedAbout(ride.id, contracts.freeDriver.type)).toHaveLength(1);
  });
});
