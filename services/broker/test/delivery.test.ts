import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerDoc, meshYaml, triggerDoc } from './support/mesh-yaml.js';
import { attributes, sendBinary, sendStructured } from './support/send.js';
import { attributesOf, startSubscriber, type Received, type TestSubscriber } from './support/subscriber.js';
import { eventually, startTestBroker, type TestBroker } from './support/test-broker.js';

const withType = (type: string) => (r: Received[]) => r.filter((x) => x.headers['ce-type'] === type);
const gaps = (requests: Received[]) => requests.slice(1).map((r, i) => r.at - requests[i].at);

/** Knative's delivery contract (services/broker/README.md, "What it implements": Delivery and DeliverySpec). */
describe('delivery', () => {
  let subscriber: TestSubscriber;
  let broker: TestBroker;
  /** Whether the subscriber of the `recovering` Trigger is down (answers 503). */
  let recoveringDown = false;

  beforeAll(async () => {
    subscriber = await startSubscriber((request) => {
      const type = String(request.headers['ce-type']);
      const nth = withType(type)(subscriber.received).length;
      // Each test picks a behaviour through the event type it sends.
      if (type.startsWith('recovering.')) return recoveringDown ? { status: 503, body: 'starting' } : { status: 202 };
      if (type.startsWith('flaky.')) return nth <= 2 ? { status: 503, body: 'busy' } : { status: 202 };
      if (type === 'slow.first') return nth === 1 ? 'hang' : { status: 200 };
      if (type === 'chatty') return { status: 200, headers: { 'content-type': 'text/plain' }, body: 'thanks!' };
      if (type.startsWith('status.')) return { status: Number(type.slice(7)) };
      return { status: 202 };
    });
    const uri = subscriber.url;
    broker = await startTestBroker(
      meshYaml(
        brokerDoc({ retry: 5, backoffPolicy: 'exponential', backoffDelay: 'PT0.05S' }),
        triggerDoc('linear-flaky', {
          filter: { attributes: { type: 'flaky.linear' } },
          subscriber: { uri },
          delivery: { backoffPolicy: 'linear', backoffDelay: 'PT1S' },
        }),
        triggerDoc('exponential-flaky', { filter: { attributes: { type: 'flaky.exponential' } }, subscriber: { uri } }),
        triggerDoc('timeouts', {
          filter: { attributes: { type: 'slow.first' } },
          subscriber: { uri },
          delivery: { timeout: 'PT0.3S' },
        }),
        triggerDoc('chatty', { filter: { attributes: { type: 'chatty' } }, subscriber: { uri } }),
        triggerDoc('statuses', {
          filters: [{ prefix: { type: 'status.' } }],
          subscriber: { uri },
          delivery: { retry: 1 },
        }),
        triggerDoc('recovering', {
          filters: [{ prefix: { type: 'recovering.' } }],
          subscriber: { uri },
          delivery: { backoffPolicy: 'linear', backoffDelay: 'PT20S' },
        }),
        triggerDoc('plain', { filters: [{ prefix: { type: 'plain.' } }], subscriber: { uri } }),
      ),
    );
  });
  afterAll(async () => {
    await broker?.close();
    await subscriber?.close();
  });

  it('POSTs in binary mode with Prefer: reply and Kn-Namespace, attributes and data unchanged', async () => {
    const attrs = attributes({
      type: 'plain.headers',
      subject: 'a1b2',
      time: '2026-11-23T10:00:00.123456Z',
      dataschema: 'https://cabs.example/schemas/plain/v1',
      datacontenttype: 'application/json; charset=utf-8',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      tracestate: 'cabs=1',
      comexampleextension: 'value',
    });
    await sendBinary(broker.brokerUrl, attrs, '{ "spaced" :  true }');
    const [request] = await subscriber
      .until((r) => withType('plain.headers')(r).length === 1)
      .then(withType('plain.headers'));
    expect(request.method).toBe('POST');
    expect(request.headers.prefer).toBe('reply');
    expect(request.headers['kn-namespace']).toBe('cabs');
    expect(attributesOf(request)).toEqual(attrs);
    expect(request.headers.traceparent).toBe(attrs.traceparent);
    expect(request.body.toString()).toBe('{ "spaced" :  true }');
  });

  it('carries non-ASCII attribute values percent-encoded, as the HTTP binding requires', async () => {
    await sendStructured(broker.brokerUrl, {
      ...attributes({ type: 'plain.unicode' }),
      subject: 'Łódź, ul. Piotrkowska',
    });
    const [request] = await subscriber
      .until((r) => withType('plain.unicode')(r).length === 1)
      .then(withType('plain.unicode'));
    expect(decodeURIComponent(String(request.headers['ce-subject']))).toBe('Łódź, ul. Piotrkowska');
  });

  it('delivers a 36 KiB payload exactly once', async () => {
    const payload = 'X'.repeat(36 * 1024);
    await sendBinary(broker.brokerUrl, attributes({ type: 'plain.long', datacontenttype: 'text/plain' }), payload);
    const [request] = await subscriber
      .until((r) => withType('plain.long')(r).length === 1)
      .then(withType('plain.long'));
    expect(request.body.toString()).toBe(payload);
    await expect
      .poll(
        async () => (await broker.admin<{ state: string }[]>('/deliveries?trigger=plain&type=plain.long')).body,
        eventually,
      )
      .toEqual([expect.objectContaining({ state: 'delivered', attempts: 1 })]);
    expect(withType('plain.long')(subscriber.received)).toHaveLength(1);
  });

  it('redelivers with linear PT1S backoff until a flaky subscriber accepts: waits of 1 s, then 2 s', async () => {
    await sendBinary(broker.brokerUrl, attributes({ type: 'flaky.linear' }));
    const requests = await subscriber
      .until((r) => withType('flaky.linear')(r).length === 3)
      .then(withType('flaky.linear'));
    // Lower bounds only: a loaded machine may be late, never early.
    const [first, second] = gaps(requests);
    expect(first).toBeGreaterThanOrEqual(950);
    expect(second).toBeGreaterThanOrEqual(1950);
    expect(second).toBeGreaterThan(first);
    await expect
      .poll(
        async () => (await broker.admin<{ state: string }[]>('/deliveries?trigger=linear-flaky')).body[0],
        eventually,
      )
      .toMatchObject({ state: 'delivered', attempts: 3 });
  });

  it('redelivers with exponential backoff from the Broker default: waits of d·2^k', async () => {
    await sendBinary(broker.brokerUrl, attributes({ type: 'flaky.exponential' }));
    const requests = await subscriber
      .until((r) => withType('flaky.exponential')(r).length === 3)
      .then(withType('flaky.exponential'));
    const [first, second] = gaps(requests);
    expect(first).toBeGreaterThanOrEqual(95); // 50 ms · 2^1
    expect(second).toBeGreaterThanOrEqual(195); // 50 ms · 2^2
  });

  it('tries a delivery waiting out its backoff as soon as its subscriber answers another one again', async () => {
    recoveringDown = true;
    await sendBinary(broker.brokerUrl, attributes({ type: 'recovering.during-outage' }));
    await subscriber.until((r) => withType('recovering.during-outage')(r).length === 1);
    await expect
      .poll(
        async () => (await broker.admin<{ state: string }[]>('/deliveries?type=recovering.during-outage')).body[0],
        eventually,
      )
      .toMatchObject({ state: 'retrying', attempts: 1 });

    recoveringDown = false;
    await sendBinary(broker.brokerUrl, attributes({ type: 'recovering.after-restart' }));

    // Its next attempt was 20 s away; the success of the other one brings it forward.
    const [afterRestart] = await subscriber
      .until((r) => withType('recovering.after-restart')(r).length === 1)
      .then(withType('recovering.after-restart'));
    const [first, second] = await subscriber
      .until((r) => withType('recovering.during-outage')(r).length === 2, 5_000)
      .then(withType('recovering.during-outage'));
    expect(second.at - first.at).toBeLessThan(20_000);
    expect(second.at).toBeGreaterThanOrEqual(afterRestart.at);
    await expect
      .poll(
        async () => (await broker.admin<{ state: string }[]>('/deliveries?type=recovering.during-outage')).body[0],
        eventually,
      )
      .toMatchObject({ state: 'delivered', attempts: 2 });
  });

  it('gives up on an attempt after the Trigger timeout and retries it', async () => {
    await sendBinary(broker.brokerUrl, attributes({ type: 'slow.first' }));
    const requests = await subscriber.until((r) => withType('slow.first')(r).length === 2).then(withType('slow.first'));
    expect(gaps(requests)[0]).toBeGreaterThanOrEqual(300 + 95);
    await expect
      .poll(async () => (await broker.admin<{ state: string }[]>('/deliveries?trigger=timeouts')).body[0], eventually)
      .toMatchObject({ state: 'delivered', attempts: 2 });
  });

  it.each([404, 408, 409, 429, 500, 503])('retries after HTTP %i', async (status) => {
    await sendBinary(broker.brokerUrl, attributes({ type: `status.${status}` }));
    await subscriber.until((r) => withType(`status.${status}`)(r).length === 2);
  });

  it.each([301, 400, 401, 403, 413, 422])('does not retry HTTP %i: straight to the dead letters', async (status) => {
    await sendBinary(broker.brokerUrl, attributes({ type: `status.${status}` }));
    await expect
      .poll(
        async () => (await broker.admin<{ state: string }[]>(`/deliveries?type=status.${status}`)).body[0],
        eventually,
      )
      .toMatchObject({ state: 'dead', attempts: 1, lastStatus: status });
    expect(withType(`status.${status}`)(subscriber.received)).toHaveLength(1);
  });

  it('treats a 2xx with a body that is not a CloudEvent as a failure, without retrying', async () => {
    await sendBinary(broker.brokerUrl, attributes({ type: 'chatty' }));
    await expect
      .poll(async () => (await broker.admin<{ state: string }[]>('/deliveries?trigger=chatty')).body[0], eventually)
      .toMatchObject({
        state: 'dead',
        attempts: 1,
        lastStatus: 200,
        lastError: 'HTTP 200 with a body that is not a CloudEvent',
      });
  });
});
