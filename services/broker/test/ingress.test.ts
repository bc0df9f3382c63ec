import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { uploadSlowly } from '@cabs/testing';
import { everythingTo } from './support/mesh-yaml.js';
import { attributes, post, sendBinary, sendStructured } from './support/send.js';
import { attributesOf } from './support/subscriber.js';
import { brokerToOneSubscriber, startTestBroker } from './support/test-broker.js';

/** Knative's ingress contract (services/broker/README.md, "What it implements": Ingress), over real HTTP. */
describe('broker ingress', () => {
  const mesh = brokerToOneSubscriber();

  /** Sends, expects 202, and returns what the subscriber got for this event id. */
  async function roundTrip(send: () => Promise<{ status: number }>, id: string) {
    expect((await send()).status).toBe(202);
    const [request] = await mesh.subscriber
      .until((r) => r.some((x) => x.headers['ce-id'] === id))
      .then((r) => r.filter((x) => x.headers['ce-id'] === id));
    return request;
  }

  it.each(['1.0', '0.3'])(
    'accepts a CloudEvents %s event in binary mode and delivers it unchanged',
    async (specversion) => {
      const attrs = attributes({ specversion, subject: 't-1', datacontenttype: 'application/json' });
      const request = await roundTrip(() => sendBinary(mesh.broker.brokerUrl, attrs, '{"transitId": "t-1"}'), attrs.id);
      expect(attributesOf(request)).toEqual(attrs);
      expect(request.body.toString()).toBe('{"transitId": "t-1"}');
    },
  );

  it.each(['1.0', '0.3'])(
    'accepts a CloudEvents %s event in structured mode and delivers it in binary mode',
    async (specversion) => {
      const attrs = attributes({ specversion, datacontenttype: 'application/json' });
      const request = await roundTrip(
        () => sendStructured(mesh.broker.brokerUrl, { ...attrs, data: { transitId: 't-2' } }),
        attrs.id,
      );
      expect(attributesOf(request)).toEqual(attrs);
      expect(JSON.parse(request.body.toString())).toEqual({ transitId: 't-2' });
    },
  );

  it.each([
    ['application/json', Buffer.from('{"a":[1,2,3]}')],
    ['application/xml', Buffer.from('<fee amount="1200" currency="PLN"/>')],
    ['application/octet-stream', randomBytes(2048)],
    ['image/png; x-custom=1', randomBytes(300)],
  ])(
    'accepts binary mode with Content-Type %s as the data content type, data byte for byte',
    async (contentType, data) => {
      const attrs = attributes({ datacontenttype: contentType });
      const request = await roundTrip(() => sendBinary(mesh.broker.brokerUrl, attrs, data), attrs.id);
      expect(request.headers['content-type']).toBe(contentType);
      expect(request.body.equals(data)).toBe(true);
    },
  );

  it('rejects specversion 19.0 with a 400 that says why, in both modes, and stores nothing', async () => {
    const binary = await sendBinary(mesh.broker.brokerUrl, attributes({ specversion: '19.0' }));
    expect(binary).toEqual({
      status: 400,
      body: expect.objectContaining({
        message: 'unsupported specversion "19.0": the broker accepts CloudEvents 1.0 and 0.3',
      }),
    });
    const structured = await sendStructured(
      mesh.broker.brokerUrl,
      attributes({ specversion: '19.0', type: 'cabs.test.never-stored' }),
    );
    expect(structured.status).toBe(400);
    const events = await mesh.broker.admin<unknown[]>('/events?type=cabs.test.never-stored');
    expect(events.body).toEqual([]);
  });

  it('answers 4xx without specversion, naming the missing attribute', async () => {
    const { specversion: _, ...withoutVersion } = attributes();
    expect(await sendBinary(mesh.broker.brokerUrl, withoutVersion)).toMatchObject({
      status: 400,
      body: { message: 'missing required attribute "specversion" (header ce-specversion)' },
    });
    expect(await sendStructured(mesh.broker.brokerUrl, withoutVersion)).toMatchObject({
      status: 400,
      body: { message: 'missing required attribute "specversion" (field "specversion")' },
    });
  });

  it.each(['id', 'source', 'type'])('answers 400 when the required attribute %s is missing', async (name) => {
    const { [name]: _, ...rest } = attributes();
    const result = await sendBinary(mesh.broker.brokerUrl, rest);
    expect(result).toMatchObject({
      status: 400,
      body: { message: `missing required attribute "${name}" (header ce-${name})` },
    });
  });

  it('answers 400 for bad JSON in structured mode, for batched mode, and for a request that is no event at all', async () => {
    const badJson = await post(
      mesh.broker.brokerUrl,
      { 'content-type': 'application/cloudevents+json' },
      '{"specversion": "1.0", ',
    );
    expect(badJson.status).toBe(400);
    expect(badJson.body?.message).toMatch(/^the structured-mode body is not valid JSON/);
    const batch = await post(
      mesh.broker.brokerUrl,
      { 'content-type': 'application/cloudevents-batch+json' },
      JSON.stringify([attributes()]),
    );
    expect(batch).toMatchObject({ status: 400, body: { message: expect.stringContaining('batched content mode') } });
    const plain = await post(mesh.broker.brokerUrl, { 'content-type': 'application/json' }, '{"hello": "world"}');
    expect(plain).toMatchObject({ status: 400, body: { message: expect.stringContaining('not a CloudEvent') } });
  });

  it('answers 405 to any method but POST, saying what to do', async () => {
    const response = await fetch(mesh.broker.brokerUrl);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(((await response.json()) as { message: string }).message).toBe(
      'GET is not allowed: POST CloudEvents to /cabs/default',
    );
    expect((await post(mesh.broker.brokerUrl, {}, undefined, 'PUT')).status).toBe(405);
  });

  it('answers 404 for an unknown namespace or broker and any other path', async () => {
    expect(await sendBinary(`${mesh.broker.ingressUrl}/cabs/other`, attributes())).toMatchObject({
      status: 404,
      body: { message: 'no broker cabs/other' },
    });
    expect((await sendBinary(`${mesh.broker.ingressUrl}/elsewhere/default`, attributes())).status).toBe(404);
    expect((await sendBinary(`${mesh.broker.ingressUrl}/`, attributes())).status).toBe(404);
    expect((await sendBinary(`${mesh.broker.ingressUrl}/cabs/default/more`, attributes())).status).toBe(404);
  });

  it('answers 413 over 1 MiB and accepts just under it', async () => {
    const tooBig = await sendBinary(
      mesh.broker.brokerUrl,
      attributes({ datacontenttype: 'application/octet-stream' }),
      Buffer.alloc(1024 * 1024 + 1),
    );
    expect(tooBig).toMatchObject({
      status: 413,
      body: { message: "the event is larger than the broker's limit of 1048576 bytes" },
    });
    const justUnder = attributes({ datacontenttype: 'application/octet-stream' });
    const request = await roundTrip(
      () => sendBinary(mesh.broker.brokerUrl, justUnder, Buffer.alloc(1024 * 1024 - 1, 7)),
      justUnder.id,
    );
    expect(request.body.length).toBe(1024 * 1024 - 1);
  });

  it('lets a sender still uploading an oversized event finish, and read its 413', async () => {
    // Answered and closed while the body was still coming, the sender got a broken pipe instead of the 413.
    const size = 2 * 1024 * 1024;
    const headers = {
      'content-type': 'application/octet-stream',
      'ce-specversion': '1.0',
      'ce-id': 'big-1',
      'ce-source': 'test',
      'ce-type': 'cabs.test.big',
    };
    const outcome = await uploadSlowly(mesh.broker.brokerUrl, size, headers);
    expect(outcome).toEqual({ status: 413 });
  });
});

describe('broker ingress when storage fails', () => {
  it('answers 503 while its database refuses connections, stores nothing, and accepts again once it is back', async () => {
    const broker = await startTestBroker(everythingTo('http://127.0.0.1:9', 'nowhere'), { dispatch: false });
    const database = new URL(broker.databaseUrl).pathname.slice(1);
    const server = new pg.Client({ connectionString: new URL('/postgres', broker.databaseUrl).toString() });
    await server.connect();
    try {
      await server.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
      await server.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database],
      );

      const refused = await sendBinary(broker.brokerUrl, attributes({ type: 'cabs.test.during-outage' }));
      expect(refused).toEqual({
        status: 503,
        body: expect.objectContaining({
          message: 'the broker could not store the event; nothing was accepted, send it again',
        }),
      });
      expect((await broker.admin('/health/ready')).status).toBe(503);

      await server.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
      expect((await sendBinary(broker.brokerUrl, attributes({ type: 'cabs.test.after-outage' }))).status).toBe(202);
      expect((await broker.admin('/health/ready')).status).toBe(200);
      const stored = await broker.admin<{ attributes: { type: string } }[]>('/events');
      expect(stored.body.map((e) => e.attributes.type)).toEqual(['cabs.test.after-outage']);
    } finally {
      await server.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
      await server.end();
      await broker.close();
    }
  });
});
