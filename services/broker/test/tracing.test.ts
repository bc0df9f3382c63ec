import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerTracing } from '../src/observability/tracing.js';
import { brokerDoc, everythingTo, meshYaml, triggerDoc } from './support/mesh-yaml.js';
import { attributes, sendBinary } from './support/send.js';
import { startSubscriber, type Received, type TestSubscriber } from './support/subscriber.js';
import { eventually, startTestBroker, type TestBroker } from './support/test-broker.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SENDER_SPAN = '00f067aa0ba902b7';
const traceparent = (trace: string, span: string, flags = '01') => `00-${trace}-${span}-${flags}`;
const spanIdIn = (header: unknown) => String(header).split('-')[2];

/** The broker's own spans (Knative's names), W3C trace context continued hop by hop, retries visible. */
describe('tracing', () => {
  const exported = new InMemorySpanExporter();
  let subscriber: TestSubscriber;
  let broker: TestBroker;
  const spansOf = (eventId: string) =>
    exported.getFinishedSpans().filter((s) => s.attributes['cloudevents.event_id'] === eventId);
  const attemptsOf = (eventId: string) => spansOf(eventId).filter((s) => s.name === 'trigger:traced.cabs');

  beforeAll(async () => {
    subscriber = await startSubscriber((request) => {
      const type = String(request.headers['ce-type']);
      const nth = subscriber.received.filter((r) => r.headers['ce-id'] === request.headers['ce-id']).length;
      return type === 'flaky' && nth <= 2 ? { status: 503 } : { status: 202 };
    });
    broker = await startTestBroker(
      meshYaml(
        brokerDoc({ retry: 3, backoffPolicy: 'linear', backoffDelay: 'PT0.05S' }),
        triggerDoc('traced', { subscriber: { uri: subscriber.url } }),
      ),
      { tracing: brokerTracing({}, new SimpleSpanProcessor(exported)) },
    );
  });
  afterAll(async () => {
    await broker?.close();
    await subscriber?.close();
  });

  const deliveriesOf = (id: string) =>
    subscriber
      .until((r) => r.filter((x) => x.headers['ce-id'] === id).length > 0)
      .then((r) => r.filter((x) => x.headers['ce-id'] === id));

  it('joins the trace the event carries: one span where it enters, one per attempt, each the parent of that hop', async () => {
    const attrs = attributes({ type: 'steady', traceparent: traceparent(TRACE, SENDER_SPAN) });
    expect((await sendBinary(broker.brokerUrl, attrs)).status).toBe(202);
    const [delivered] = await deliveriesOf(attrs.id);
    await expect.poll(() => attemptsOf(attrs.id).length, eventually).toBe(1);

    const [ingress] = spansOf(attrs.id).filter((s) => s.name === 'broker:default.cabs');
    const [attempt] = attemptsOf(attrs.id);
    for (const span of [ingress, attempt]) {
      expect(span.spanContext().traceId, span.name).toBe(TRACE);
      expect(span.parentSpanContext?.spanId, span.name).toBe(SENDER_SPAN);
      expect(span.attributes, span.name).toMatchObject({
        'messaging.system': 'knative',
        'messaging.message.id': attrs.id,
        'cloudevents.event_type': 'steady',
      });
    }
    expect(attempt.attributes).toMatchObject({
      'cabs.delivery.attempt': 1,
      'cabs.delivery.max_attempts': 4,
      'http.response.status_code': 202,
      'url.full': subscriber.url,
    });
    // The hop's header names the attempt; the extension stays what the sender wrote.
    expect(delivered.headers.traceparent).toBe(traceparent(TRACE, attempt.spanContext().spanId));
    expect(delivered.headers['ce-traceparent']).toBe(attrs.traceparent);
  });

  it('shows every retry as a span of its own, the failed ones marked as errors', async () => {
    const attrs = attributes({ type: 'flaky', traceparent: traceparent(TRACE, SENDER_SPAN) });
    expect((await sendBinary(broker.brokerUrl, attrs)).status).toBe(202);
    await subscriber.until((r) => r.filter((x) => x.headers['ce-id'] === attrs.id).length === 3);
    await expect.poll(() => attemptsOf(attrs.id).length, eventually).toBe(3);
    const attempts = attemptsOf(attrs.id).sort(
      (a, b) => Number(a.attributes['cabs.delivery.attempt']) - Number(b.attributes['cabs.delivery.attempt']),
    );
    expect(
      attempts.map((s) => [
        s.attributes['cabs.delivery.attempt'],
        s.attributes['http.response.status_code'],
        s.status.code,
      ]),
    ).toEqual([
      [1, 503, 2],
      [2, 503, 2],
      [3, 202, 0],
    ]);
    // Each attempt's request carried its own span as the W3C header.
    const requests: Received[] = await deliveriesOf(attrs.id);
    expect(requests.map((r) => spanIdIn(r.headers.traceparent))).toEqual(attempts.map((s) => s.spanContext().spanId));
  });

  it("continues the sender's HTTP trace header where it enters, and still delivers in the event's own trace", async () => {
    const hop = 'a3ce929d0e0e47364bf92f3577b34da6';
    const attrs = attributes({ type: 'steady', traceparent: traceparent(TRACE, SENDER_SPAN) });
    expect(
      (await sendBinary(broker.brokerUrl, attrs, undefined, { traceparent: traceparent(hop, 'b7ad6b7169203331') }))
        .status,
    ).toBe(202);
    await deliveriesOf(attrs.id);
    await expect.poll(() => attemptsOf(attrs.id).length, eventually).toBe(1);
    const [ingress] = spansOf(attrs.id).filter((s) => s.name === 'broker:default.cabs');
    expect([ingress.spanContext().traceId, ingress.parentSpanContext?.spanId]).toEqual([hop, 'b7ad6b7169203331']);
    expect(attemptsOf(attrs.id)[0].spanContext().traceId).toBe(TRACE);
  });

  it('records nothing for a trace its sender did not sample, yet passes the trace on', async () => {
    const attrs = attributes({ type: 'steady', traceparent: traceparent(TRACE, SENDER_SPAN, '00') });
    expect((await sendBinary(broker.brokerUrl, attrs)).status).toBe(202);
    const [delivered] = await deliveriesOf(attrs.id);
    expect(String(delivered.headers.traceparent)).toMatch(new RegExp(`^00-${TRACE}-[0-9a-f]{16}-00$`));
    expect(spansOf(attrs.id)).toEqual([]);
  });
});

describe('without a collector', () => {
  it('creates no spans and sends the event’s own trace context as the W3C header (as before)', async () => {
    const subscriber = await startSubscriber();
    const broker = await startTestBroker(everythingTo(subscriber.url, 'all'), { tracing: brokerTracing({}) });
    try {
      const attrs = attributes({ traceparent: traceparent(TRACE, SENDER_SPAN), tracestate: 'cabs=1' });
      expect((await sendBinary(broker.brokerUrl, attrs)).status).toBe(202);
      const [delivered] = await subscriber.waitFor(1);
      expect([delivered.headers.traceparent, delivered.headers.tracestate]).toEqual([attrs.traceparent, 'cabs=1']);
    } finally {
      await broker.close();
      await subscriber.close();
    }
  });
});
