import fc from 'fast-check';
import type { HostileRequest } from './hostile-request.js';
import { CONTROL_ESCAPES, injectionString, INVALID_ESCAPES, splice } from './hostile-values.js';
import { schemaViolations } from './json-mutations.js';
import {
  deeplyNested,
  deeplyNestedField,
  invalidUtf8,
  notAnObject,
  notJson,
  ONE_MIB,
  oversized,
  prototypePoisoning,
  type RawBody,
} from './raw-bodies.js';

/** A plausible event for the receiver under attack: the attacks are variations of it. */
export interface EventTemplate {
  type: string;
  dataschema?: string;
  subject?: string;
  data: Record<string, unknown>;
  /** For receivers that judge the data (services): whether data satisfies the contract. */
  isValidData?: (data: unknown) => boolean;
}

const REQUIRED = ['specversion', 'id', 'source', 'type'] as const;
const STRING_ATTRIBUTES = ['specversion', 'id', 'source', 'type', 'subject', 'dataschema', 'time'] as const;

function attributesOf(template: EventTemplate, id: string): Record<string, string> {
  return {
    specversion: '1.0',
    id,
    source: 'usvc://cabs/hostile-input',
    type: template.type,
    ...(template.dataschema ? { dataschema: template.dataschema } : {}),
    ...(template.subject ? { subject: template.subject } : {}),
  };
}

function binary(
  attributes: Record<string, string>,
  body: Buffer | undefined,
  what: string,
  contentType = 'application/json',
  status?: number,
): HostileRequest {
  const headers: Record<string, string> = { 'content-type': contentType };
  for (const [name, value] of Object.entries(attributes)) headers[`ce-${name}`] = value;
  return { what: `binary mode: ${what}`, headers, body, status };
}

function structured(
  text: string | Buffer,
  what: string,
  contentType = 'application/cloudevents+json',
  status?: number,
): HostileRequest {
  return {
    what: `structured mode: ${what}`,
    headers: { 'content-type': contentType },
    body: Buffer.isBuffer(text) ? text : Buffer.from(text),
    status,
  };
}

/**
 * Requests that do not hold a valid CloudEvent — whatever the receiver, the broker's ingress included, they must be
 * refused with a 4xx: missing, empty or wrong-typed attributes, unknown specversions, bad percent-encoding and control
 * characters in `ce-` headers, bad attribute names and times, envelopes that are not JSON, not UTF-8, not objects,
 * nested beyond reason or over 1 MiB, batches and unknown structured formats, injection strings in broken envelopes.
 */
export function invalidEnvelopes(template: EventTemplate): fc.Arbitrary<HostileRequest> {
  const data = Buffer.from(JSON.stringify(template.data));
  const withId = <T>(arb: fc.Arbitrary<T>) => fc.tuple(fc.uuid(), arb);
  const envelope = (id: string) => ({
    ...attributesOf(template, id),
    datacontenttype: 'application/json',
    data: template.data,
  });
  return fc.oneof(
    withId(fc.record({ name: fc.constantFrom(...REQUIRED), empty: fc.boolean() })).map(([id, { name, empty }]) => {
      const attributes = attributesOf(template, id);
      if (empty) attributes[name] = '';
      else delete attributes[name];
      return binary(attributes, data, `${empty ? 'empty' : 'no'} ${name}`, undefined, 400);
    }),
    withId(fc.stringMatching(/^[a-zA-Z0-9._-]{1,10}$/).filter((v) => v !== '1.0' && v !== '0.3')).map(
      ([id, specversion]) =>
        binary({ ...attributesOf(template, id), specversion }, data, `specversion ${specversion}`, undefined, 400),
    ),
    withId(
      fc.record({
        name: fc.constantFrom('id', 'source', 'type', 'subject'),
        value: splice(fc.constantFrom(...INVALID_ESCAPES)),
      }),
    ).map(([id, { name, value }]) =>
      binary(
        { ...attributesOf(template, id), [name]: value },
        data,
        `ce-${name}: ${value} (invalid percent-encoding)`,
        undefined,
        400,
      ),
    ),
    withId(
      fc.record({
        name: fc.constantFrom('id', 'source', 'type', 'subject'),
        value: splice(fc.constantFrom(...CONTROL_ESCAPES)),
      }),
    ).map(([id, { name, value }]) =>
      binary(
        { ...attributesOf(template, id), [name]: value },
        data,
        `ce-${name}: ${value} (a control character)`,
        undefined,
        400,
      ),
    ),
    withId(
      fc.record({
        name: fc.constantFrom(...STRING_ATTRIBUTES),
        value: fc.constantFrom<unknown>({ a: 1 }, [1, 2], 42, true, -1.5),
      }),
    ).map(([id, { name, value }]) =>
      structured(
        JSON.stringify({ ...envelope(id), [name]: value }),
        `"${name}": ${JSON.stringify(value)} (not a string)`,
        undefined,
        400,
      ),
    ),
    withId(fc.constantFrom('Bad-Name', 'UPPER', 'with space', '', 'ünïcode', 'a'.repeat(30) + '_')).map(([id, name]) =>
      structured(JSON.stringify({ ...envelope(id), [name]: 'x' }), `attribute name "${name}"`, undefined, 400),
    ),
    withId(fc.constantFrom('ce-bad_name', 'ce-dots.here')).map(([id, header]) => {
      const request = binary(attributesOf(template, id), data, `header ${header}`, undefined, 400);
      request.headers[header] = 'x';
      return request;
    }),
    withId(
      fc.constantFrom('yesterday', '2026-13-45T99:99:99Z', '2026-11-23 10:00:00', '2026-11-23T10:00:00', '1700000000'),
    ).map(([id, time]) => binary({ ...attributesOf(template, id), time }, data, `time ${time}`, undefined, 400)),
    withId(fc.record({ name: fc.constantFrom('type', 'source', 'subject'), value: injectionString })).map(
      ([id, { name, value }]) => {
        const attributes = { ...attributesOf(template, id), [name]: value };
        delete (attributes as Record<string, string>).id;
        return binary(attributes, data, `ce-${name}: ${value} and no id`, undefined, 400);
      },
    ),
    fc
      .uuid()
      .chain((id) => notJson(envelope(id)))
      .map((raw) => structured(raw.body, raw.what, undefined, 400)),
    notAnObject.map((raw) => structured(raw.body, raw.what, undefined, 400)),
    fc
      .uuid()
      .chain((id) => invalidUtf8(envelope(id)))
      .map((raw) => structured(raw.body, raw.what, undefined, 400)),
    withId(
      fc.record({
        depth: fc.integer({ min: 1_100, max: 150_000 }),
        shape: fc.constantFrom('array' as const, 'object' as const),
      }),
    ).map(([id, { depth, shape }]) => {
      const { data: _data, ...head } = envelope(id);
      return structured(
        `${JSON.stringify(head).slice(0, -1)},"data":${deeplyNested(depth, shape)}}`,
        `data nested ${depth} ${shape}s deep`,
        undefined,
        400,
      );
    }),
    withId(oversized(template.data)).map(([id, raw]) =>
      structured(JSON.stringify({ ...envelope(id), data: JSON.parse(raw.body.toString()) }), raw.what, undefined, 413),
    ),
    withId(fc.integer({ min: 1, max: 64 * 1024 })).map(([id, extra]) =>
      binary(
        attributesOf(template, id),
        Buffer.alloc(ONE_MIB + extra, 0x61),
        `${ONE_MIB + extra} bytes of data`,
        'application/json',
        413,
      ),
    ),
    withId(
      fc.constantFrom(
        'application/cloudevents+xml',
        'application/cloudevents+protobuf',
        'application/cloudevents-batch+json',
      ),
    ).map(([id, contentType]) =>
      // The broker answers 400; a service may answer 415 for a format it has no reader for.
      structured(
        JSON.stringify(contentType.includes('batch') ? [envelope(id)] : envelope(id)),
        `Content-Type ${contentType}`,
        contentType,
      ),
    ),
    withId(fc.constantFrom<Record<string, unknown>>({ data_base64: 42 }, { data_base64: 'aGk=', data: 'both' })).map(
      ([id, extra]) => {
        const { data: _data, ...head } = envelope(id);
        return structured(
          JSON.stringify({ ...head, ...extra }),
          `data_base64 ${JSON.stringify(extra)}`,
          undefined,
          400,
        );
      },
    ),
  );
}

/**
 * Valid envelopes with data the receiver must refuse (only services judge data; the broker, like Knative's, passes it
 * on): data breaking the contract (hostile money, injection strings where ids belong, wrong types, missing fields),
 * nested beyond reason, not UTF-8, not JSON, not an object, prototype poisoning, the wrong content type, and types
 * or dataschemas the service does not handle.
 */
export function invalidData(template: EventTemplate): fc.Arbitrary<HostileRequest> {
  const isValid = template.isValidData ?? (() => false);
  const send = ([id, raw]: [string, RawBody]) => binary(attributesOf(template, id), raw.body, raw.what);
  return fc.oneof(
    fc
      .tuple(fc.uuid(), schemaViolations(template.data, isValid))
      .map(([id, m]) => binary(attributesOf(template, id), Buffer.from(m.text), `data ${m.what}`, undefined, 400)),
    fc.tuple(fc.uuid(), deeplyNestedField(template.data)).map(send),
    fc.tuple(fc.uuid(), invalidUtf8(template.data)).map(send),
    fc.tuple(fc.uuid(), notJson(template.data)).map(send),
    fc.tuple(fc.uuid(), notAnObject).map(send),
    fc.tuple(fc.uuid(), prototypePoisoning(template.data)).map(send),
    fc
      .tuple(fc.uuid(), oversized(template.data))
      .map(([id, raw]) => binary(attributesOf(template, id), raw.body, raw.what, undefined, 413)),
    fc
      .tuple(
        fc.uuid(),
        fc.constantFrom(
          'text/plain',
          'application/xml',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/octet-stream',
          'image/png',
        ),
      )
      .map(([id, contentType]) =>
        binary(
          attributesOf(template, id),
          Buffer.from(JSON.stringify(template.data)),
          `data as ${contentType}`,
          contentType,
        ),
      ),
    fc
      .tuple(
        fc.uuid(),
        fc.oneof(
          injectionString.map((s) => s.replace(/[^ -~]/g, '')),
          fc.constantFrom('cabs.hostile.never-handled', template.type.toUpperCase(), `${template.type}.v2`),
        ),
      )
      .map(([id, type]) =>
        binary(
          { ...attributesOf(template, id), type },
          Buffer.from(JSON.stringify(template.data)),
          `type ${type}`,
          undefined,
          400,
        ),
      ),
    fc
      .tuple(
        fc.uuid(),
        fc.constantFrom(
          'https://evil.example/schema',
          'urn:cabs:schema:cabs.unknown:v1',
          `${template.dataschema ?? 'urn:x'}:v99`,
        ),
      )
      .map(([id, dataschema]) =>
        binary(
          { ...attributesOf(template, id), dataschema },
          Buffer.from(JSON.stringify(template.data)),
          `dataschema ${dataschema}`,
          undefined,
          400,
        ),
      ),
  );
}

/** Paths next to the broker's `/{namespace}/{broker}` that name no broker: 404, never a 5xx. */
export const strayBrokerPaths: fc.Arbitrary<HostileRequest> = fc
  .oneof(
    injectionString.map((s) => `/${encodeURIComponent(s)}/default`),
    fc.constantFrom(
      '/cabs/default/../../admin',
      '/..%2f..%2fetc%2fpasswd/x',
      '/cabs/%00',
      '/cabs/default%20OR%201=1',
      '/',
      '/cabs',
    ),
  )
  .map((path) => ({
    what: `POST ${path}`,
    path,
    headers: {
      'content-type': 'application/json',
      'ce-specversion': '1.0',
      'ce-id': 'x',
      'ce-source': 'x',
      'ce-type': 'x',
    },
    body: Buffer.from('{}'),
    status: 404,
  }));
