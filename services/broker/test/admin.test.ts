import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverSentEvents } from '@cabs/client';
import { brokerDoc, everythingTo, meshYaml, triggerDoc } from './support/mesh-yaml.js';
import { attributes, sendBinary } from './support/send.js';
import { startSubscriber, type TestSubscriber } from './support/subscriber.js';
import { eventually, startTestBroker, type TestBroker } from './support/test-broker.js';

/** Reads Server-Sent Events from `GET /stream` until `enough` says stop. */
async function readStream(
  url: string,
  enough: (events: { event: string; data: Record<string, unknown> }[]) => boolean,
  start: () => Promise<void>,
) {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events: { event: string; data: Record<string, unknown> }[] = [];
  if (!response.body) throw new Error('the stream has no body');
  const messages = serverSentEvents(response.body);
  await start();
  for await (const { event, data } of messages) {
    events.push({ event, data: JSON.parse(data) });
    if (enough(events)) break;
  }
  controller.abort();
  return events;
}

describe('admin API', () => {
  let invoicing: TestSubscriber;
  let broker: TestBroker;

  beforeAll(async () => {
    invoicing = await startSubscriber(() => ({ status: 503 }));
    broker = await startTestBroker(
      meshYaml(
        brokerDoc({ retry: 10, backoffPolicy: 'exponential', backoffDelay: 'PT0.2S' }),
        triggerDoc('invoicing-issue-invoice', {
          filter: { attributes: { type: 'cabs.invoicing.issue-invoice' } },
          subscriber: { uri: invoicing.url },
        }),
        triggerDoc('invoicing-fast-fail', {
          filter: { attributes: { type: 'cabs.invoicing.fast-fail' } },
          subscriber: { uri: invoicing.url },
          delivery: { retry: 0 },
        }),
      ),
    );
  });
  afterAll(async () => {
    await broker?.close();
    await invoicing?.close();
  });

  it('lists the Triggers with their subscriber URL, merged delivery spec and backlog', async () => {
    const { body } = await broker.admin<unknown[]>('/triggers');
    expect(body).toEqual([
      {
        name: 'invoicing-issue-invoice',
        namespace: 'cabs',
        broker: 'default',
        filter: { attributes: { type: 'cabs.invoicing.issue-invoice' } },
        subscriber: { url: invoicing.url, uri: invoicing.url },
        delivery: {
          retry: 10,
          backoffPolicy: 'exponential',
          backoffDelayMs: 200,
          timeoutMs: 30_000,
          retryDelaysMs: [400, 800, 1600, 3200, 6400, 12_800, 25_600, 51_200, 102_400, 204_800],
          deadLetterSink: 'local dead-letter store',
        },
        backlog: { pending: 0, retrying: 0, dead: 0 },
      },
      expect.objectContaining({
        name: 'invoicing-fast-fail',
        delivery: expect.objectContaining({ retry: 0, retryDelaysMs: [] }),
      }),
    ]);
  });

  it('shows a retrying delivery: attempt n of max, next attempt time, last status and error', async () => {
    await sendBinary(
      broker.brokerUrl,
      attributes({ type: 'cabs.invoicing.issue-invoice', subject: 'transit-42', dataschema: 'urn:issue-invoice:v1' }),
    );
    await expect
      .poll(
        async () => (await broker.admin<unknown[]>('/deliveries?state=retrying&subject=transit-42')).body,
        eventually,
      )
      .toEqual([
        expect.objectContaining({
          trigger: 'invoicing-issue-invoice',
          state: 'retrying',
          attempts: expect.any(Number),
          maxAttempts: 11,
          inFlight: false,
          nextAttemptAt: expect.any(String),
          lastStatus: 503,
          lastError: 'HTTP 503',
          subscriber: invoicing.url,
          event: expect.objectContaining({
            type: 'cabs.invoicing.issue-invoice',
            subject: 'transit-42',
            dataschema: 'urn:issue-invoice:v1',
          }),
        }),
      ]);
    const drain = await broker.admin('/drain?type=cabs.invoicing.issue-invoice&dataschema=urn:issue-invoice:v1');
    expect(drain.body).toMatchObject({
      type: 'cabs.invoicing.issue-invoice',
      dataschema: 'urn:issue-invoice:v1',
      retrying: 1,
      pending: 0,
      dead: 0,
      drained: false,
    });
    const otherSchema = await broker.admin('/drain?type=cabs.invoicing.issue-invoice&dataschema=urn:issue-invoice:v2');
    expect(otherSchema.body).toMatchObject({ retrying: 0, pending: 0, drained: true });
    const { body: triggers } = await broker.admin<{ backlog: { retrying: number } }[]>('/triggers');
    expect(triggers[0].backlog.retrying).toBe(1);
  });

  it('lists recent events with their data and deliveries', async () => {
    const attrs = attributes({ type: 'cabs.test.listed', datacontenttype: 'application/json' });
    await sendBinary(broker.brokerUrl, attrs, '{"n":1}');
    const { body } = await broker.admin<unknown[]>('/events?limit=1');
    expect(body).toEqual([expect.objectContaining({ attributes: attrs, data: { n: 1 }, deliveries: [] })]);
  });

  it('streams mesh activity as Server-Sent Events', async () => {
    const attrs = attributes({ type: 'cabs.invoicing.fast-fail', subject: 'transit-9' });
    const events = await readStream(
      `${broker.adminUrl}/stream`,
      (e) => e.some((x) => x.event === 'delivery.dead-lettered' && x.data.id === attrs.id),
      async () => {
        expect((await sendBinary(broker.brokerUrl, attrs)).status).toBe(202);
      },
    );
    const ours = events.filter((e) => e.data.id === attrs.id).map((e) => e.event);
    // Intake and dispatcher both follow the same commit, so "accepted" and "attempted" may come in either order.
    expect([...ours].sort()).toEqual(['delivery.attempted', 'delivery.dead-lettered', 'event.accepted']);
    expect(ours.indexOf('delivery.attempted')).toBeLessThan(ours.indexOf('delivery.dead-lettered'));
    expect(events.find((e) => e.event === 'delivery.dead-lettered' && e.data.id === attrs.id)?.data).toMatchObject({
      trigger: 'invoicing-fast-fail',
      type: 'cabs.invoicing.fast-fail',
      subject: 'transit-9',
      attempt: 1,
      maxAttempts: 1,
      status: 503,
      deadLetter: 'local',
    });
  });

  it('exposes Prometheus metrics: accepted, delivered, retried, dead-lettered, latency, backlog', async () => {
    const response = await fetch(`${broker.adminUrl}/metrics`);
    const text = await response.text();
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(text).toMatch(/^broker_events_accepted_total\{broker="cabs\/default"\} [1-9]/m);
    expect(text).toMatch(/^broker_deliveries_retried_total\{trigger="invoicing-issue-invoice"\} [1-9]/m);
    expect(text).toMatch(
      /^broker_deliveries_dead_lettered_total\{trigger="invoicing-fast-fail",destination="local"\} 1$/m,
    );
    expect(text).toMatch(/^broker_backlog\{trigger="invoicing-issue-invoice",state="retrying"\} 1$/m);
    expect(text).toContain('broker_delivery_attempt_duration_seconds_bucket');
    expect(text).toContain('# TYPE broker_delivery_latency_seconds histogram');
  });

  it('answers health probes', async () => {
    expect(await broker.admin('/health/live')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await broker.admin('/health/ready')).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('documents every endpoint, its parameters and answers in an OpenAPI document', async () => {
    type Operation = {
      parameters?: { name: string; in: string }[];
      responses: Record<string, { content?: Record<string, { schema: { items?: { properties: object } } }> }>;
    };
    const { status, body } = await broker.admin<{ openapi: string; paths: Record<string, Record<string, Operation>> }>(
      '/openapi.json',
    );
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\./);
    expect(
      Object.entries(body.paths).flatMap(([path, operations]) => Object.keys(operations).map((m) => `${m} ${path}`)),
    ).toEqual(
      expect.arrayContaining([
        'get /',
        'get /triggers',
        'get /events',
        'get /deliveries',
        'get /deliveries/{id}',
        'get /drain',
        'post /deliveries/{id}/redrive',
        'post /triggers/{name}/redrive',
        'post /redrive',
        'get /stream',
        'get /health/live',
        'get /health/ready',
        'get /metrics',
      ]),
    );
    const deliveries = body.paths['/deliveries'].get;
    expect(deliveries.parameters?.map((p) => `${p.in} ${p.name}`)).toEqual(
      expect.arrayContaining(['query state', 'query trigger', 'query limit']),
    );
    expect(Object.keys(deliveries.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '503']));
    expect(deliveries.responses['200'].content?.['application/json'].schema.items?.properties).toHaveProperty(
      'maxAttempts',
    );
    expect(Object.keys(body.paths['/stream'].get.responses['200'].content ?? {})).toEqual(['text/event-stream']);
  });

  it('says what is wrong with a query', async () => {
    expect(await broker.admin('/deliveries?state=stuck')).toEqual({
      status: 400,
      body: expect.objectContaining({
        message: 'query parameter "state" must be one of: pending, retrying, delivered, dead',
      }),
    });
    expect((await broker.admin<{ message: string }>('/deliveries?limit=0')).body.message).toBe(
      'query parameter "limit" must be >= 1',
    );
    expect((await broker.admin<{ message: string }>('/events?colour=red')).body.message).toBe(
      'unknown query parameter "colour"',
    );
  });
});

describe('MESH_TOKEN', () => {
  it('requires the bearer token at the ingress and on admin changes, and presents it to subscribers', async () => {
    const subscriber = await startSubscriber();
    const broker = await startTestBroker(everythingTo(subscriber.url, 'all'), { token: 's3cret' });
    try {
      expect(await sendBinary(broker.brokerUrl, attributes())).toMatchObject({
        status: 401,
        body: { message: 'this broker requires Authorization: Bearer <MESH_TOKEN>' },
      });
      expect(
        (await sendBinary(broker.brokerUrl, attributes(), undefined, { authorization: 'Bearer wrong' })).status,
      ).toBe(401);
      expect(
        (await sendBinary(broker.brokerUrl, attributes(), undefined, { authorization: 'Bearer s3cret' })).status,
      ).toBe(202);
      const [delivered] = await subscriber.waitFor(1);
      expect(delivered.headers.authorization).toBe('Bearer s3cret');
      expect((await broker.admin('/redrive', { method: 'POST' })).status).toBe(401);
      expect(
        (await broker.admin('/redrive', { method: 'POST', headers: { authorization: 'Bearer s3cret' } })).status,
      ).toBe(200);
    } finally {
      await broker.close();
      await subscriber.close();
    }
  });

  it("requires it to read the admin API too (events hold riders' names), but not for probes, metrics and the API's description", async () => {
    const broker = await startTestBroker(everythingTo('http://127.0.0.1:9/', 'all'), { token: 's3cret' });
    try {
      for (const path of ['/triggers', '/events', '/deliveries?state=dead', '/deliveries/1', '/drain', '/stream']) {
        for (const authorization of [undefined, 'Bearer wrong', 'Basic czNjcmV0']) {
          const refused = await broker.admin<{ message: string }>(path, {
            headers: authorization ? { authorization } : {},
          });
          expect(refused, `${path} with ${authorization}`).toEqual({
            status: 401,
            body: expect.objectContaining({
              message: "the broker's admin API requires Authorization: Bearer <MESH_TOKEN>",
            }),
          });
        }
      }
      const allowed = await fetch(`${broker.adminUrl}/events`, { headers: { authorization: 'Bearer s3cret' } });
      expect(allowed.status).toBe(200);
      const stream = await fetch(`${broker.adminUrl}/stream`, { headers: { authorization: 'bearer s3cret' } });
      expect(stream.status).toBe(200);
      await stream.body?.cancel();
      for (const path of ['/', '/health/live', '/health/ready', '/metrics', '/openapi.json']) {
        const open = await fetch(`${broker.adminUrl}${path}`);
        expect(open.status, path).toBe(200);
        await open.body?.cancel();
      }
    } finally {
      await broker.close();
    }
  });
});

describe('the admin API and browsers', () => {
  it('sends no CORS headers: no other origin may read the mesh from a browser, with or without a token', async () => {
    const broker = await startTestBroker(everythingTo('http://127.0.0.1:9/', 'all'));
    try {
      const origin = { origin: 'https://elsewhere.example' };
      const responses = [
        await fetch(`${broker.adminUrl}/events`, { headers: origin }),
        await fetch(`${broker.adminUrl}/triggers`, { headers: origin }),
        await fetch(`${broker.adminUrl}/stream`, { headers: origin }),
        await fetch(`${broker.adminUrl}/redrive`, {
          method: 'OPTIONS',
          headers: { ...origin, 'access-control-request-method': 'POST' },
        }),
      ];
      for (const response of responses) {
        expect(response.headers.get('access-control-allow-origin'), response.url).toBeNull();
        await response.body?.cancel();
      }
    } finally {
      await broker.close();
    }
  });
});
