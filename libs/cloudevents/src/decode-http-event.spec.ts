import { describe, expect, it } from 'vitest';
import { decodeHttpEvent as decode } from './decode-http-event.js';
import type { MeshEvent } from './mesh-event.js';

/** A refusal, thrown here only so that each case reads as one expression. */
class Refusal extends Error {}

/** As the broker decodes (its ingress and its subscribers' replies): the event, or the problem as a Refusal. */
function decodeHttpEvent(headers: Record<string, string>, body: Buffer): MeshEvent {
  const decoded = decode(headers, body, 'the broker');
  if (!decoded.ok) throw new Refusal(decoded.problem);
  return decoded.event;
}

const binaryHeaders = {
  'ce-specversion': '1.0',
  'ce-id': 'e-1',
  'ce-source': 'usvc://cabs/transit',
  'ce-type': 'cabs.transit.transit-completed',
};

const structured = (event: Record<string, unknown>, contentType = 'application/cloudevents+json') =>
  decodeHttpEvent({ 'content-type': contentType }, Buffer.from(JSON.stringify(event)));

function rejection(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(Refusal);
    return (err as Error).message;
  }
  throw new Error('expected the event to be rejected');
}

describe('binary mode', () => {
  it('keeps attributes and extensions as sent and the body as raw data, whatever its content type', () => {
    const body = Buffer.from([0, 1, 2, 255]);
    const event = decodeHttpEvent(
      {
        ...binaryHeaders,
        'content-type': 'application/octet-stream',
        'ce-time': '2018-04-05T03:56:24Z',
        'ce-traceparent': '00-abc-def-01',
        'user-agent': 'x',
      },
      body,
    );
    expect(event.attributes).toEqual({
      specversion: '1.0',
      id: 'e-1',
      source: 'usvc://cabs/transit',
      type: 'cabs.transit.transit-completed',
      time: '2018-04-05T03:56:24Z',
      traceparent: '00-abc-def-01',
      datacontenttype: 'application/octet-stream',
    });
    expect(event.data).toEqual(body);
  });

  it('accepts 0.3 and invalid JSON under a JSON content type (the broker does not parse data)', () => {
    const event = decodeHttpEvent(
      { ...binaryHeaders, 'ce-specversion': '0.3', 'content-type': 'application/json' },
      Buffer.from('{not json'),
    );
    expect(event.attributes.specversion).toBe('0.3');
    expect(event.data?.toString()).toBe('{not json');
  });

  it('decodes percent-encoded header values', () => {
    const event = decodeHttpEvent({ ...binaryHeaders, 'ce-subject': '%C5%81%C3%B3d%C5%BA' }, Buffer.alloc(0));
    expect(event.attributes.subject).toBe('Łódź');
    expect(event.data).toBeUndefined();
  });

  it('names what is missing or wrong', () => {
    const { 'ce-specversion': _, ...noVersion } = binaryHeaders;
    expect(rejection(() => decodeHttpEvent(noVersion, Buffer.alloc(0)))).toBe(
      'missing required attribute "specversion" (header ce-specversion)',
    );
    const { 'ce-id': __, ...noId } = binaryHeaders;
    expect(rejection(() => decodeHttpEvent(noId, Buffer.alloc(0)))).toBe(
      'missing required attribute "id" (header ce-id)',
    );
    expect(rejection(() => decodeHttpEvent({ ...binaryHeaders, 'ce-specversion': '19.0' }, Buffer.alloc(0)))).toBe(
      'unsupported specversion "19.0": the broker accepts CloudEvents 1.0 and 0.3',
    );
    expect(rejection(() => decodeHttpEvent({ 'content-type': 'application/json' }, Buffer.from('{}')))).toMatch(
      /^not a CloudEvent: expected binary mode/,
    );
    expect(rejection(() => decodeHttpEvent({ ...binaryHeaders, 'ce-time': 'yesterday' }, Buffer.alloc(0)))).toMatch(
      /"time" must be an RFC 3339 timestamp/,
    );
    for (const time of [
      '2026-13-45T99:99:99Z',
      '2026-02-29T10:00:00Z',
      '2026-11-23T24:00:00+01:00',
      '2026-11-23T10:00:00+25:00',
    ]) {
      expect(rejection(() => decodeHttpEvent({ ...binaryHeaders, 'ce-time': time }, Buffer.alloc(0)))).toMatch(
        /"time" must be an RFC 3339 timestamp/,
      );
    }
    expect(
      decodeHttpEvent({ ...binaryHeaders, 'ce-time': '2024-02-29T23:59:60.5-01:30' }, Buffer.alloc(0)).attributes.time,
    ).toBe('2024-02-29T23:59:60.5-01:30');
    expect(rejection(() => decodeHttpEvent({ ...binaryHeaders, 'ce-subject': '100%' }, Buffer.alloc(0)))).toMatch(
      /header ce-subject: "%" at position 3 starts no escape/,
    );
    expect(rejection(() => decodeHttpEvent({ ...binaryHeaders, 'ce-subject': 'a%00b' }, Buffer.alloc(0)))).toMatch(
      /attribute "subject" contains a control character/,
    );
    expect(rejection(() => decodeHttpEvent({ ...binaryHeaders, 'ce-source': 'not a uri' }, Buffer.alloc(0)))).toMatch(
      /attribute "source" must match format "uri-reference"/,
    );
    expect(rejection(() => decodeHttpEvent({ ...binaryHeaders, 'ce-my_ext': 'x' }, Buffer.alloc(0)))).toMatch(
      /invalid attribute name "my_ext"/,
    );
  });
});

describe('structured mode', () => {
  const base = { specversion: '1.0', id: 'e-1', source: 'usvc://cabs/transit', type: 'cabs.transit.transit-completed' };

  it('serialises JSON data as binary mode carries it, and keeps attributes as strings', () => {
    const event = structured({
      ...base,
      datacontenttype: 'application/json',
      data: { transitId: 't-1' },
      priority: 5,
      urgent: true,
    });
    expect(event.attributes).toEqual({ ...base, datacontenttype: 'application/json', priority: '5', urgent: 'true' });
    expect(event.data?.toString()).toBe('{"transitId":"t-1"}');
  });

  it('treats a text content type as text, decodes data_base64, and makes the implied application/json explicit', () => {
    expect(structured({ ...base, datacontenttype: 'text/plain', data: 'Hello, 🌎!' }).data?.toString()).toBe(
      'Hello, 🌎!',
    );
    expect(structured({ ...base, datacontenttype: 'application/json', data: 'Hello' }).data?.toString()).toBe(
      '"Hello"',
    );
    const binary = structured({
      ...base,
      datacontenttype: 'image/png',
      data_base64: Buffer.from([1, 2, 3]).toString('base64'),
    });
    expect(binary.data).toEqual(Buffer.from([1, 2, 3]));
    const implied = structured({ ...base, data: [1, 2] });
    expect(implied.attributes.datacontenttype).toBe('application/json');
    expect(implied.data?.toString()).toBe('[1,2]');
  });

  it('accepts 0.3 with base64 content encoding', () => {
    const event = structured({
      ...base,
      specversion: '0.3',
      datacontenttype: 'text/plain',
      datacontentencoding: 'base64',
      data: Buffer.from('hi').toString('base64'),
    });
    expect(event.data?.toString()).toBe('hi');
    expect(event.attributes.datacontentencoding).toBeUndefined();
  });

  it('accepts a charset on the envelope content type', () => {
    expect(structured(base, 'application/cloudevents+json; charset=utf-8').attributes.id).toBe('e-1');
  });

  it('names what is wrong', () => {
    expect(
      rejection(() => decodeHttpEvent({ 'content-type': 'application/cloudevents+json' }, Buffer.from('{"id": '))),
    ).toMatch(/^the structured-mode body is not valid JSON \(/);
    expect(rejection(() => structured({ ...base, specversion: undefined }))).toBe(
      'missing required attribute "specversion" (field "specversion")',
    );
    expect(rejection(() => structured({ ...base, type: '' }))).toBe('missing required attribute "type" (field "type")');
    expect(rejection(() => structured({ ...base, specversion: '19.0' }))).toMatch(/unsupported specversion "19.0"/);
    expect(rejection(() => structured({ ...base, data: 1, data_base64: 'AQ==' }))).toMatch(
      /either "data" or "data_base64"/,
    );
    expect(rejection(() => structured({ ...base, nested: { a: 1 } }))).toMatch(
      /attribute "nested" must be a string, number or boolean/,
    );
    expect(rejection(() => structured({ ...base, id: 42 }))).toBe(
      'attribute "id" must be a JSON string, not the number 42',
    );
    expect(structured({ ...base, retries: 3, urgent: true }).attributes).toMatchObject({
      retries: '3',
      urgent: 'true',
    });
    expect(
      rejection(() =>
        decodeHttpEvent(
          { 'content-type': 'application/cloudevents+json' },
          Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]),
        ),
      ),
    ).toMatch(/not valid UTF-8/);
    const deep = `{"specversion":"1.0","id":"1","source":"s","type":"t","data":${'['.repeat(1001)}${']'.repeat(1001)}}`;
    expect(
      rejection(() => decodeHttpEvent({ 'content-type': 'application/cloudevents+json' }, Buffer.from(deep))),
    ).toMatch(/deeper than 1000 levels/);
    expect(
      rejection(() => decodeHttpEvent({ 'content-type': 'application/cloudevents+json' }, Buffer.from('[]'))),
    ).toMatch(/must be a JSON object/);
    expect(
      rejection(() => decodeHttpEvent({ 'content-type': 'application/cloudevents-batch+json' }, Buffer.from('[]'))),
    ).toMatch(/batched content mode .* not supported/);
    expect(
      rejection(() => decodeHttpEvent({ 'content-type': 'application/cloudevents+xml' }, Buffer.from('<e/>'))),
    ).toMatch(/use application\/cloudevents\+json/);
  });
});
