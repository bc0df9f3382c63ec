import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerDoc, meshYaml, triggerDoc } from './support/mesh-yaml.js';
import { attributes, sendBinary } from './support/send.js';
import { startSubscriber, type Received, type TestSubscriber } from './support/subscriber.js';
import { eventually, startTestBroker, type TestBroker } from './support/test-broker.js';

const withId = (id: string) => (r: Received[]) => r.filter((x) => x.headers['ce-id'] === id);

interface DeliveryView {
  id: number;
  trigger: string;
  state: string;
  attempts: number;
  maxAttempts: number;
  deadLetter: string | null;
  lastStatus: number | null;
  lastError: string | null;
  event: { id: string };
}

/** Dead-letter sinks, their extensions, the local dead-letter store and redrive (services/broker/README.md, "What it implements": DeliverySpec). */
describe('dead letters', () => {
  const catastrophe = '{ "message": "catastrophic failure" }';
  let failer: TestSubscriber;
  let flakySink: TestSubscriber;
  let sink: TestSubscriber;
  let invoicing: TestSubscriber;
  let broker: TestBroker;
  let invoicingUp = false;

  beforeAll(async () => {
    sink = await startSubscriber();
    // Fails every other request: each dead letter must still arrive exactly once.
    flakySink = await startSubscriber((_request, nth) => (nth % 2 === 1 ? { status: 503 } : { status: 202 }));
    failer = await startSubscriber((request) =>
      request.headers['ce-type'] === 'fail.with-body'
        ? { status: 422, headers: { 'content-type': 'application/json' }, body: catastrophe }
        : { status: 422 },
    );
    invoicing = await startSubscriber(() =>
      invoicingUp ? { status: 202 } : { status: 503, body: 'invoicing is down' },
    );
    broker = await startTestBroker(
      meshYaml(
        brokerDoc({ retry: 2, backoffDelay: 'PT0.05S', deadLetterSink: { uri: sink.url } }),
        triggerDoc('unreachable', {
          filter: { attributes: { type: 'fail.unreachable' } },
          subscriber: { uri: 'http://127.0.0.1:9/' },
        }),
        triggerDoc('failer', { filters: [{ prefix: { type: 'fail.with' } }], subscriber: { uri: failer.url } }),
        triggerDoc('flaky-sink', {
          filter: { attributes: { type: 'fail.flaky-sink' } },
          subscriber: { uri: failer.url },
          delivery: { deadLetterSink: { uri: flakySink.url }, retry: 3 },
        }),
        // The Broker's KafkaSink reference, mapped to nothing locally: the broker keeps the dead letters.
        triggerDoc('invoicing-issue-invoice', {
          filter: { attributes: { type: 'cabs.invoicing.issue-invoice' } },
          subscriber: { uri: invoicing.url },
          delivery: {
            deadLetterSink: {
              ref: { apiVersion: 'eventing.knative.dev/v1alpha1', kind: 'KafkaSink', name: 'cabs-dead-letters' },
            },
          },
        }),
      ),
    );
  });
  afterAll(async () => {
    await broker?.close();
    await Promise.all([failer, flakySink, sink, invoicing].map((s) => s?.close()));
  });

  it('adds knativeerrordest for an unreachable subscriber, after the retries', async () => {
    const attrs = attributes({ type: 'fail.unreachable' });
    await sendBinary(broker.brokerUrl, attrs, '{"msg":"test msg"}');
    const [letter] = await sink.until((r) => withId(attrs.id)(r).length === 1).then(withId(attrs.id));
    expect(letter.headers['ce-knativeerrordest']).toBe('http://127.0.0.1:9/');
    expect(letter.headers['ce-knativeerrorcode']).toBeUndefined();
    expect(letter.body.toString()).toBe('{"msg":"test msg"}');
    const [delivery] = (await broker.admin<DeliveryView[]>('/deliveries?trigger=unreachable')).body;
    expect(delivery).toMatchObject({
      state: 'dead',
      attempts: 3,
      maxAttempts: 3,
      deadLetter: 'sink',
      lastError: 'connection refused (ECONNREFUSED)',
    });
  });

  it('adds knativeerrorcode for a 422 without body, and no knativeerrordata', async () => {
    const attrs = attributes({ type: 'fail.without-body' });
    await sendBinary(broker.brokerUrl, attrs);
    const [letter] = await sink.until((r) => withId(attrs.id)(r).length === 1).then(withId(attrs.id));
    expect(letter.headers).toMatchObject({
      'ce-knativeerrordest': failer.url,
      'ce-knativeerrorcode': '422',
      'ce-type': 'fail.without-body',
      'ce-source': attrs.source,
    });
    expect(letter.headers['ce-knativeerrordata']).toBeUndefined();
    expect(withId(attrs.id)(failer.received)).toHaveLength(1);
  });

  it('adds knativeerrordata, the base64 of the response body, for a 422 with body', async () => {
    const attrs = attributes({ type: 'fail.with-body' });
    await sendBinary(broker.brokerUrl, attrs, 'original data');
    const [letter] = await sink.until((r) => withId(attrs.id)(r).length === 1).then(withId(attrs.id));
    expect(letter.headers['ce-knativeerrorcode']).toBe('422');
    expect(letter.headers['ce-knativeerrordata']).toBe(Buffer.from(catastrophe).toString('base64'));
    expect(letter.body.toString()).toBe('original data');
  });

  it('hands each dead letter exactly once to a flaky dead-letter sink', async () => {
    const ids = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const attrs = attributes({ type: 'fail.flaky-sink' });
        await sendBinary(broker.brokerUrl, attrs);
        return attrs.id;
      }),
    );
    const accepted = (r: Received[]) => ids.every((id) => withId(id)(r).length >= 1);
    await flakySink.until(accepted);
    await expect
      .poll(
        async () =>
          (await broker.admin<DeliveryView[]>('/deliveries?trigger=flaky-sink')).body.map((d) => d.deadLetter),
        eventually,
      )
      .toEqual(Array(5).fill('sink'));
    // Every request the sink answered 2xx carried a distinct event: no dead letter was sent twice.
    const acceptedIds = flakySink.received.filter((_r, i) => (i + 1) % 2 === 0).map((r) => r.headers['ce-id']);
    expect(acceptedIds.sort()).toEqual([...ids].sort());
  });

  it('keeps dead letters locally when the sink is not mapped, and redrives them once the fault is fixed', async () => {
    const events = [
      attributes({ type: 'cabs.invoicing.issue-invoice', subject: 'transit-1' }),
      attributes({ type: 'cabs.invoicing.issue-invoice', subject: 'transit-2' }),
    ];
    for (const attrs of events)
      await sendBinary(broker.brokerUrl, attrs, '{"amount":{"amount":4200,"currency":"PLN"}}');
    await expect
      .poll(
        async () => (await broker.admin<DeliveryView[]>('/deliveries?state=dead&trigger=invoicing-issue-invoice')).body,
        eventually,
      )
      .toEqual([
        expect.objectContaining({ deadLetter: 'local', attempts: 3, lastStatus: 503, lastError: 'HTTP 503' }),
        expect.objectContaining({ deadLetter: 'local', attempts: 3, lastStatus: 503, lastError: 'HTTP 503' }),
      ]);
    expect(invoicing.received).toHaveLength(6);

    invoicingUp = true;
    const [first] = (
      await broker.admin<DeliveryView[]>('/deliveries?state=dead&trigger=invoicing-issue-invoice&subject=transit-1')
    ).body;
    const one = await broker.admin(`/deliveries/${first.id}/redrive`, { method: 'POST' });
    expect(one).toEqual({ status: 200, body: { redriven: 1, deliveries: [first.id] } });
    await invoicing.until((r) => withId(events[0].id)(r).length === 4);

    const all = await broker.admin('/triggers/invoicing-issue-invoice/redrive', { method: 'POST' });
    expect(all.body).toMatchObject({ redriven: 1 });
    await invoicing.until((r) => withId(events[1].id)(r).length === 4);
    await expect
      .poll(
        async () =>
          (await broker.admin<DeliveryView[]>('/deliveries?trigger=invoicing-issue-invoice')).body.map((d) => d.state),
        eventually,
      )
      .toEqual(['delivered', 'delivered']);

    const again = await broker.admin<{ message: string }>(`/deliveries/${first.id}/redrive`, { method: 'POST' });
    expect(again).toEqual({
      status: 409,
      body: expect.objectContaining({
        message: `delivery ${first.id} cannot be redriven: it is delivered; only dead deliveries can be redriven`,
      }),
    });
    expect((await broker.admin('/deliveries/999999/redrive', { method: 'POST' })).status).toBe(404);
    expect((await broker.admin('/triggers/nope/redrive', { method: 'POST' })).status).toBe(404);
    expect((await broker.admin('/redrive', { method: 'POST' })).body).toMatchObject({ redriven: expect.any(Number) });
  });
});
