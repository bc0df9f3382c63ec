import { describe, expect, it } from 'vitest';
import { decodeParsedHttpEvent } from './decode-http-event.js';

/** The chassis' `POST /`: Fastify has parsed the body already (JSON as a value, text as a string). */
const decode = (headers: Record<string, string>, body: unknown) => decodeParsedHttpEvent(headers, body, 'this service');

const binaryHeaders = {
  'ce-specversion': '1.0',
  'ce-id': 'e-1',
  'ce-source': 'usvc://cabs/drivers',
  'ce-type': 'cabs.drivers.free-driver',
  'ce-dataschema': 'urn:cabs:schema:cabs.drivers.free-driver:v1',
  'ce-time': '2026-11-23T10:00:00.000Z',
  'ce-traceparent': '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  'content-type': 'application/json',
};

describe('a body already parsed', () => {
  it('takes the parsed body of binary mode as the data, and the headers as the attributes', () => {
    const data = { driverId: 'd-1', transitId: 't-1' };
    expect(decode(binaryHeaders, data)).toEqual({
      ok: true,
      event: {
        attributes: {
          specversion: '1.0',
          id: 'e-1',
          source: 'usvc://cabs/drivers',
          type: 'cabs.drivers.free-driver',
          dataschema: 'urn:cabs:schema:cabs.drivers.free-driver:v1',
          time: '2026-11-23T10:00:00.000Z',
          traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
          datacontenttype: 'application/json',
        },
        data,
      },
    });
  });

  it('treats an empty body as no data, and takes 0.3 in binary mode as well', () => {
    for (const body of [undefined, null, ''])
      expect(decode(binaryHeaders, body)).toMatchObject({ ok: true, event: { data: undefined } });
    expect(decode({ ...binaryHeaders, 'ce-specversion': '0.3' }, { a: 1 })).toMatchObject({
      ok: true,
      event: { attributes: { specversion: '0.3' }, data: { a: 1 } },
    });
  });

  it('reads structured mode from its text: data as the JSON value, base64 as bytes', () => {
    const envelope = (extra: Record<string, unknown>) =>
      JSON.stringify({ specversion: '1.0', id: 'e-2', source: 'usvc://cabs/cli', type: 'cabs.t', ...extra });
    const headers = { 'content-type': 'application/cloudevents+json' };
    expect(decode(headers, envelope({ data: { transitId: 't-1' } }))).toMatchObject({
      ok: true,
      event: { attributes: { datacontenttype: 'application/json' }, data: { transitId: 't-1' } },
    });
    expect(decode(headers, envelope({ data_base64: 'aGk=', datacontenttype: 'text/plain' }))).toMatchObject({
      ok: true,
      event: { data: Buffer.from('hi') },
    });
    expect(decode(headers, { already: 'parsed' })).toEqual({
      ok: false,
      problem: 'the structured-mode body must be JSON text',
    });
  });

  it('refuses what the broker refuses, with the same words', () => {
    expect(decode({ 'content-type': 'application/json' }, { hello: 'world' })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^not a CloudEvent: expected binary mode/),
    });
    expect(decode({ ...binaryHeaders, 'ce-specversion': '19.0' }, {})).toEqual({
      ok: false,
      problem: 'unsupported specversion "19.0": this service accepts CloudEvents 1.0 and 0.3',
    });
    expect(decode({ ...binaryHeaders, 'ce-subject': '%ZZ' }, {})).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^header ce-subject: "%" at position 0 starts no escape/),
    });
    expect(decode({ 'content-type': 'application/cloudevents-batch+json' }, '[]')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/batched content mode/),
    });
  });
});
