import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { brokerDoc, meshYaml, triggerDoc } from './support/mesh-yaml.js';
import { attributes, sendBinary } from './support/send.js';
import { startSubscriber, type Received, type TestSubscriber } from './support/subscriber.js';
import { startTestBroker, type TestBroker } from './support/test-broker.js';

interface StoredEvent {
  id: string;
  attributes: Record<string, string>;
  deliveries: { trigger: string; state: string }[];
}

/** Knative's routing behaviours (services/broker/README.md, "What it implements": Routing), with real subscribers. */
describe('routing', () => {
  let everything: TestSubscriber;
  let fees: TestSubscriber;
  let replier: TestSubscriber;
  let broker: TestBroker;

  beforeAll(async () => {
    everything = await startSubscriber();
    fees = await startSubscriber();
    // Answers every ride-completed event with a reply event, as a Knative function may.
    replier = await startSubscriber((request) => ({
      status: 200,
      headers: {
        'ce-specversion': '1.0',
        'ce-id': `reply-to-${request.headers['ce-id']}`,
        'ce-source': 'usvc://cabs/replier',
        'ce-type': 'cabs.test.replied',
        'ce-subject': String(request.headers['ce-subject']),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ inReplyTo: request.headers['ce-id'] }),
    }));
    broker = await startTestBroker(
      meshYaml(
        brokerDoc(),
        triggerDoc('no-filter', { subscriber: { uri: everything.url } }),
        triggerDoc('fees-calculate-fee', {
          filter: { attributes: { type: 'cabs.fees.calculate-fee' } },
          subscriber: { uri: fees.url },
        }),
        // Same subscriber, second Trigger: it gets its own delivery.
        triggerDoc('fees-from-transit', {
          filters: [{ prefix: { type: 'cabs.fees.' } }, { exact: { source: 'usvc://cabs/transit' } }],
          subscriber: { uri: fees.url },
        }),
        triggerDoc('replier-transit-completed', {
          filter: { attributes: { type: 'cabs.transit.transit-completed' } },
          subscriber: { uri: replier.url },
        }),
        triggerDoc('fees-replied', {
          filter: { attributes: { type: 'cabs.test.replied' } },
          subscriber: { uri: fees.url },
        }),
        triggerDoc('tenant-acme', {
          filter: { attributes: { tenant: 'acme', type: '' } },
          subscriber: { uri: fees.url },
        }),
      ),
    );
  });
  afterAll(async () => {
    await broker?.close();
    await Promise.all([everything, fees, replier].map((s) => s?.close()));
  });

  const withId = (id: string) => (r: Received[]) => r.filter((x) => x.headers['ce-id'] === id);

  async function deliveriesOf(ceId: string): Promise<string[]> {
    const { body } = await broker.admin<StoredEvent[]>('/events?limit=1000');
    return (
      body
        .find((e) => e.attributes.id === ceId)
        ?.deliveries.map((d) => d.trigger)
        .sort() ?? []
    );
  }

  it('delivers every event to a Trigger without filter', async () => {
    const attrs = attributes({ type: `cabs.test.${randomUUID()}` });
    expect((await sendBinary(broker.brokerUrl, attrs)).status).toBe(202);
    await everything.until((r) => withId(attrs.id)(r).length === 1);
    expect(await deliveriesOf(attrs.id)).toEqual(['no-filter']);
  });

  it('creates no delivery for a Trigger whose filter does not match', async () => {
    const attrs = attributes({ type: 'cabs.fees.driver-fee-calculated', source: 'usvc://cabs/fees' });
    expect((await sendBinary(broker.brokerUrl, attrs)).status).toBe(202);
    // The fan-out is decided and stored with the event, so the stored deliveries are the whole answer.
    expect(await deliveriesOf(attrs.id)).toEqual(['no-filter']);
    await everything.until((r) => withId(attrs.id)(r).length === 1);
    expect(withId(attrs.id)(fees.received)).toEqual([]);
  });

  it('gives each of two matching Triggers its own delivery, even to the same subscriber', async () => {
    const attrs = attributes({ type: 'cabs.fees.calculate-fee', source: 'usvc://cabs/transit' });
    expect((await sendBinary(broker.brokerUrl, attrs)).status).toBe(202);
    expect(await deliveriesOf(attrs.id)).toEqual(['fees-calculate-fee', 'fees-from-transit', 'no-filter']);
    await fees.until((r) => withId(attrs.id)(r).length === 2);
    await everything.until((r) => withId(attrs.id)(r).length === 1);
  });

  it('routes a reply from the subscriber of Trigger A to the subscriber of Trigger B', async () => {
    const attrs = attributes({ type: 'cabs.transit.transit-completed', subject: 'transit-7' });
    expect((await sendBinary(broker.brokerUrl, attrs)).status).toBe(202);
    const [reply] = await fees
      .until((r) => withId(`reply-to-${attrs.id}`)(r).length === 1)
      .then(withId(`reply-to-${attrs.id}`));
    expect(reply.headers).toMatchObject({
      'ce-source': 'usvc://cabs/replier',
      'ce-type': 'cabs.test.replied',
      'ce-subject': 'transit-7',
    });
    expect(JSON.parse(reply.body.toString())).toEqual({ inReplyTo: attrs.id });
    // The reply is an event like any other: the no-filter Trigger sees it too.
    await everything.until((r) => withId(`reply-to-${attrs.id}`)(r).length === 1);
  });

  it('matches extensions, and treats an empty filter value as matching anything (Kafka Broker)', async () => {
    const acme = attributes({ tenant: 'acme' });
    const other = attributes({ tenant: 'other' });
    await sendBinary(broker.brokerUrl, acme);
    await sendBinary(broker.brokerUrl, other);
    expect(await deliveriesOf(acme.id)).toEqual(['no-filter', 'tenant-acme']);
    expect(await deliveriesOf(other.id)).toEqual(['no-filter']);
  });
});
