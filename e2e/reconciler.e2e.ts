import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  BrokerAdminClient,
  completeThroughMesh,
  prepareRide,
  registerDrivers,
  requestJson,
  type DeliveryState,
  type Invoice,
  type Notification,
  type Transit,
} from '@cabs/client';
import { waitFor } from '@cabs/testing';
import { meshConfigWith, startTestSystem, type TestSystem } from './support/test-system.js';

const ISSUE_INVOICE = 'cabs.invoicing.issue-invoice';
/** Rounds 6, 8, 12 and 20 s after completion, time enough for invoicing to restart; a person is asked at 36 s. */
const RECONCILE = {
  RECONCILE_INTERVAL: 'PT0.2S',
  RECONCILE_GRACE: 'PT6S',
  RECONCILE_BACKOFF: 'PT2S',
  RECONCILE_MAX_ROUNDS: '4',
};
/** About 515 km from Warsaw: a ride dearer than the PLN 450 a simplified invoice may state. */
const BERLIN = {
  country: 'Germany',
  city: 'Berlin',
  street: 'Pariser Platz',
  buildingNumber: '1',
  postalCode: '10117',
  lat: 52.516,
  lon: 13.3777,
};

/**
 * The reconciler beside the mesh's retries, with every process real: the Broker gives each delivery a short retry
 * budget (2 retries, 50 ms apart, doubling), transit asks again for what stays unanswered. A command dead-lettered
 * while invoicing was down is issued once invoicing is back, with nobody redriving it; an invoice invoicing refuses
 * for good is asked for a few times more, then left to a person.
 */
describe('the settlement reconciler, beside the mesh retries', () => {
  let system: TestSystem;
  const url = (service: 'transit' | 'drivers' | 'invoicing' | 'notifications' | 'brokerAdmin', path: string) =>
    `http://127.0.0.1:${system.ports[service]}${path}`;
  const broker = () => new BrokerAdminClient(url('brokerAdmin', ''));
  const ride = (id: string) => requestJson<Transit>('GET', url('transit', `/transits/${id}`));
  const invoicesOf = (transitId: string) =>
    requestJson<Invoice[]>('GET', url('invoicing', `/invoices?transitId=${transitId}`));
  /** The ride once its invoice has reached transit, however many reconciler rounds that takes. */
  const invoiceReachesTransit = (id: string) =>
    waitFor(
      'the invoice to reach transit',
      async () => {
        const current = await ride(id);
        return current.settlement.invoice ? current : undefined;
      },
      { timeoutMs: 45_000 },
    );
  const issueInvoiceDeliveries = (transitId: string, state?: DeliveryState) =>
    broker().deliveries({ type: ISSUE_INVOICE, subject: transitId, state });
  const transitLogSays = (text: string) =>
    system.logs.some((line) => line.includes('"service":"transit"') && line.includes(text));
  const needingAttention = async () => {
    const metrics = await (await fetch(url('transit', '/metrics'))).text();
    return Number(/^cabs_reconciler_rides_needing_attention (\d+)$/m.exec(metrics)?.[1]);
  };

  beforeAll(async () => {
    system = await startTestSystem({
      meshConfig: meshConfigWith({ retry: 2, backoffDelay: 'PT0.05S' }),
      env: RECONCILE,
    });
    await registerDrivers(system.urls.drivers);
  });
  afterAll(() => system?.stop());
  const dumpLogsOnFailure = () => onTestFailed(() => console.log(system.logs.slice(-150).join('\n')));

  it('issues, exactly once and without a redrive, an invoice whose command was dead-lettered while invoicing was down', async () => {
    dumpLogsOnFailure();
    await system.supervisor.stop('invoicing', { kill: true });
    const prepared = await prepareRide(system.urls, 0);
    const { id } = prepared;
    expect((await completeThroughMesh(system.urls.ingress, prepared)).status).toBe(202);

    const [dead] = await waitFor('issue-invoice dead-lettered', async () => {
      const deliveries = await issueInvoiceDeliveries(id, 'dead');
      return deliveries.length > 0 ? deliveries : undefined;
    });
    expect((await ride(id)).settlement).toMatchObject({
      invoice: null,
      steps: { invoice: 'pending' },
      reconcileRounds: 0,
    });

    await system.supervisor.start('invoicing');
    const settled = await invoiceReachesTransit(id);

    expect(settled.settlement.steps).toEqual({ fee: 'done', invoice: 'done', driverFreed: 'done' });
    expect(settled.settlement.reconcileRounds).toBeGreaterThanOrEqual(1);
    await waitFor("the re-issue in transit's log", () =>
      transitLogSays(`Ride ${id}: no answer yet to ${ISSUE_INVOICE}; sent it again`),
    );
    expect((await invoicesOf(id)).map((invoice) => invoice.number)).toEqual([settled.settlement.invoice?.number]);
    // Nobody redrove: the first command is still a dead letter; a re-issued one (a new event) was delivered.
    expect((await issueInvoiceDeliveries(id, 'dead')).map((d) => d.id)).toContain(dead.id);
    expect((await issueInvoiceDeliveries(id, 'delivered')).map((d) => d.event.id)).not.toContain(dead.event.id);
    expect(await issueInvoiceDeliveries(id, 'delivered')).not.toHaveLength(0);
  });

  it('heals a ride whose answer was lost: invoice-issued dead-lettered on its way to transit is stated again when asked', async () => {
    dumpLogsOnFailure();
    const deliveries = (trigger: string, transitId: string, state: DeliveryState) =>
      broker().deliveries({ trigger, subject: transitId, state });
    const deadOn = (trigger: string, transitId: string) =>
      waitFor(`a dead letter on ${trigger}`, async () => {
        const dead = await deliveries(trigger, transitId, 'dead');
        return dead.length > 0 ? dead[0] : undefined;
      });

    // The command waits as a dead letter while invoicing is down…
    await system.supervisor.stop('invoicing', { kill: true });
    const prepared = await prepareRide(system.urls, 3);
    const { id } = prepared;
    expect((await completeThroughMesh(system.urls.ingress, prepared)).status).toBe(202);
    const command = await deadOn('invoicing-issue-invoice', id);
    // …and is carried out while transit is down, so the answer dies on its way: invoicing has the invoice, transit not.
    await system.supervisor.stop('transit');
    await system.supervisor.start('invoicing');
    expect(await broker().redrive({ deliveryId: command.id })).toEqual({ redriven: 1, deliveries: [command.id] });
    const lost = await deadOn('transit-invoice-issued', id);
    const [invoice] = await invoicesOf(id);
    expect(invoice).toBeDefined();

    // Transit, back, asks again; invoicing answers with the invoice it has, stating the same fact once more.
    await system.supervisor.start('transit');
    const settled = await invoiceReachesTransit(id);
    expect(settled.settlement.invoice?.number).toBe(invoice.number);
    expect(settled.settlement.steps).toEqual({ fee: 'done', invoice: 'done', driverFreed: 'done' });
    expect(await invoicesOf(id)).toHaveLength(1);
    // Not a redrive: the lost answer is still a dead letter, and the same event (same id) was delivered since.
    expect((await deliveries('transit-invoice-issued', id, 'dead')).map((d) => d.id)).toContain(lost.id);
    expect((await deliveries('transit-invoice-issued', id, 'delivered')).map((d) => d.event.id)).toContain(
      lost.event.id,
    );
    // Whoever had it already ignored it: notifications got it twice and told the client once.
    await waitFor(
      'notifications to get the fact a second time',
      async () => (await deliveries('notifications-invoice-issued', id, 'delivered')).length === 2,
    );
    const told = await requestJson<Notification[]>(
      'GET',
      url('notifications', `/notifications?recipient=client:${prepared.clientId}&limit=500`),
    );
    expect(told.filter((n) => n.transitId === id && n.kind === 'invoice-issued')).toHaveLength(1);
  });

  it('hands a ride to a person after the last round when invoicing refuses its invoice for good, and stops asking', async () => {
    dumpLogsOnFailure();
    const toBerlin = async (n: number) => {
      const prepared = await prepareRide(system.urls, n);
      expect((await completeThroughMesh(system.urls.ingress, { ...prepared, destination: BERLIN })).status).toBe(202);
      return prepared.id;
    };
    const id = await toBerlin(1);

    const handedOver = await waitFor(
      'the invoice step to need attention',
      async () => {
        const current = await ride(id);
        return current.settlement.steps?.invoice === 'needs-attention' ? current : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(handedOver.price?.amount).toBeGreaterThan(45_000);
    expect(handedOver.settlement).toMatchObject({
      invoice: null,
      steps: { fee: 'done', invoice: 'needs-attention', driverFreed: 'done' },
      reconcileRounds: 4,
    });
    expect(await invoicesOf(id)).toEqual([]);
    // The first command and one per round, each refused (422) and dead-lettered at once. The last round's command
    // may still be on its way when the ride shows the hand-over, on a busy machine: wait until every one has an end.
    const refused = await waitFor('five commands, each delivered or dead-lettered', async () => {
      const deliveries = await issueInvoiceDeliveries(id);
      return deliveries.length === 5 && deliveries.every((d) => d.state === 'dead' || d.state === 'delivered')
        ? deliveries
        : undefined;
    });
    expect(refused.map((d) => [d.state, d.lastStatus])).toEqual(Array(5).fill(['dead', 422]));
    // The metric and the log line follow the commit that the ride's state shows.
    await waitFor('the ride counted as needing attention', async () => (await needingAttention()) === 1);
    await waitFor("the hand-over in transit's log", () =>
      transitLogSays(`Ride ${id}: invoice still unanswered after 4 rounds; stopped asking, a person must look`),
    );

    // Rounds go on for a ride completed later, and pass this one by.
    const later = await toBerlin(2);
    await waitFor(
      'a round for the later ride',
      async () => ((await ride(later)).settlement.reconcileRounds ?? 0) >= 1,
      {
        timeoutMs: 30_000,
      },
    );
    expect(await issueInvoiceDeliveries(id)).toHaveLength(5);
    expect((await ride(id)).settlement.reconcileRounds).toBe(4);
  });
});
