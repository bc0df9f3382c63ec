import { describe, expect, it } from 'vitest';
import { binaryModeHeaders } from './binary-mode.js';
import { isJson } from './content-type.js';
import { decodeHttpEvent, decodeParsedHttpEvent } from './decode-http-event.js';

/**
 * The events of the CloudEvents conformance suite (yaml/v1.yaml, v03.yaml, v1_minimum.yaml, v03_minimum.yaml of
 * cloudevents/conformance), written out here: each must decode in binary and in structured mode with its attributes
 * and data unchanged. The broker's test/conformance-fixtures.test.ts sends the same through a running broker.
 */
interface Fixture {
  name: string;
  attributes: Record<string, string>;
  data: string;
}

const someEvent = (specversion: string): Fixture => ({
  name: `${specversion} someevent with extensions`,
  attributes: {
    specversion,
    type: 'com.example.someevent',
    time: '2018-04-05T03:56:24Z',
    id: '4321-4321-4321',
    source: '/mycontext/subcontext',
    comexampleextension1: 'value',
    comexampleextension2: '{"othervalue": 5}',
  },
  data: '{"world":"hello"}\n',
});

const minimum = (specversion: string, file: string): Fixture[] =>
  [
    ['text/plain; charset=us-ascii', 'Hello, World!\n'],
    ['text/plain; charset=utf-8', 'Hello, 🌎!\n'],
    ['application/json; charset=utf-8', '"Hello, 🌎!"\n'],
    ['application/json; charset=utf-8', '{"msg":"Hello, 🌎!"}\n'],
    ['application/json; charset=utf-8', '["Hello","🌎!"]\n'],
    ['application/xml; charset=utf-8', '<msg>Hello, 🌎!</msg>\n'],
  ].map(([datacontenttype, data], i) => ({
    name: `${specversion} minimum conformance-000${i + 1} (${datacontenttype})`,
    attributes: {
      specversion,
      type: 'io.cloudevents.minimum',
      id: `conformance-000${i + 1}`,
      source: `//github.com/cloudevents/cloudeventsconformance/yaml/${file}`,
      datacontenttype,
    },
    data,
  }));

const fixtures = [someEvent('1.0'), someEvent('0.3'), ...minimum('1.0', 'v1.yaml'), ...minimum('0.3', 'v03.yaml')];
const transport = { 'user-agent': 'foo', host: 'localhost:8080', 'content-length': '42' };

describe('the CloudEvents conformance fixtures', () => {
  it.each(fixtures)('$name: binary mode, attributes and data byte for byte', ({ attributes, data }) => {
    const headers = { ...transport, ...binaryModeHeaders(attributes) };
    expect(decodeHttpEvent(headers, Buffer.from(data), 'the broker')).toEqual({
      ok: true,
      event: { attributes, data: Buffer.from(data) },
    });
  });

  it.each(fixtures)('$name: structured mode, data as binary mode carries it', ({ attributes, data }) => {
    const json = attributes.datacontenttype === undefined || isJson(attributes.datacontenttype);
    const envelope = JSON.stringify({ ...attributes, data: json ? JSON.parse(data) : data });
    const headers = { ...transport, 'content-type': 'application/cloudevents+json; charset=utf-8' };
    expect(decodeHttpEvent(headers, Buffer.from(envelope), 'the broker')).toEqual({
      ok: true,
      event: {
        // The JSON format implies application/json for data without a content type; binary mode says it.
        attributes: { datacontenttype: 'application/json', ...attributes },
        data: Buffer.from(json ? JSON.stringify(JSON.parse(data)) : data),
      },
    });
    // The chassis' view of the same request: the data as the envelope's value.
    expect(decodeParsedHttpEvent(headers, envelope, 'this service')).toEqual({
      ok: true,
      event: {
        attributes: { datacontenttype: 'application/json', ...attributes },
        data: json ? JSON.parse(data) : data,
      },
    });
  });

  it('refuses the fixtures with specversion 19.0 or without one, in both modes', () => {
    const { attributes, data } = someEvent('1.0');
    const binary = (a: Record<string, string>) =>
      decodeHttpEvent(binaryModeHeaders(a), Buffer.from(data), 'the broker');
    const structured = (a: Record<string, string>) =>
      decodeHttpEvent(
        { 'content-type': 'application/cloudevents+json' },
        Buffer.from(JSON.stringify({ ...a, data: JSON.parse(data) })),
        'the broker',
      );
    const { specversion: _, ...noVersion } = attributes;
    for (const decode of [binary, structured]) {
      expect(decode({ ...attributes, specversion: '19.0' })).toEqual({
        ok: false,
        problem: 'unsupported specversion "19.0": the broker accepts CloudEvents 1.0 and 0.3',
      });
      expect(decode(noVersion)).toMatchObject({
        ok: false,
        problem: expect.stringMatching(/^missing required attribute "specversion"/),
      });
    }
  });
});
