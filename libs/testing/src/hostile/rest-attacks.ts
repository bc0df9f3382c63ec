import fc from 'fast-check';
import type { HostileRequest } from './hostile-request.js';
import { injectionString } from './hostile-values.js';
import { schemaViolations, toJsonText } from './json-mutations.js';
import { deeplyNestedField, invalidUtf8, notAnObject, notJson, oversized, prototypePoisoning } from './raw-bodies.js';

/** A REST write under attack: its path and a valid body, and the schema check that says which bodies are valid. */
export interface RestTemplate {
  method: 'POST' | 'PUT';
  path: string;
  body: Record<string, unknown>;
  isValid: (body: unknown) => boolean;
}

type Path = (string | number)[];

function stringPaths(value: unknown, prefix: Path = []): Path[] {
  if (typeof value === 'string') return [prefix];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...prefix, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...prefix, k]));
  return [];
}

function setAt(value: unknown, [head, ...rest]: Path, leaf: unknown): unknown {
  if (head === undefined) return leaf;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? setAt(v, rest, leaf) : v));
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  copy[head] = setAt(copy[head], rest, leaf);
  return copy;
}

/** The valid body with injection strings wherever the schema still accepts them (names, streets): all of it stays valid. */
function withInjectionStrings(template: RestTemplate): fc.Arbitrary<Record<string, unknown>> {
  const paths = stringPaths(template.body);
  return fc.array(fc.tuple(fc.constantFrom(...paths), injectionString), { maxLength: paths.length }).map((changes) =>
    changes.reduce<Record<string, unknown>>((body, [path, s]) => {
      const changed = setAt(body, path, s) as Record<string, unknown>;
      return template.isValid(changed) ? changed : body;
    }, template.body),
  );
}

/**
 * Bodies a REST write must refuse with a 4xx, creating nothing: one field broken (hostile money, injection strings
 * where ids belong, wrong types, a required field missing) amid injection strings that would be valid on their own;
 * nested beyond reason, over 1 MiB, not UTF-8, not JSON, not an object, prototype poisoning, the wrong content type.
 */
export function invalidRestBodies(template: RestTemplate): fc.Arbitrary<HostileRequest> {
  const request = (body: Buffer, what: string, contentType = 'application/json', status?: number): HostileRequest => ({
    what: `${template.method} ${template.path}: ${what}`,
    method: template.method,
    path: template.path,
    headers: { 'content-type': contentType },
    body,
    status,
  });
  const raw = (arb: fc.Arbitrary<{ body: Buffer; what: string }>, status?: number) =>
    arb.map((r) => request(r.body, r.what, undefined, status));
  return fc.oneof(
    withInjectionStrings(template)
      .chain((body) => schemaViolations(body, template.isValid))
      .map((m) => request(Buffer.from(m.text), m.what, undefined, 400)),
    raw(deeplyNestedField(template.body), 400),
    raw(oversized(template.body), 413),
    raw(invalidUtf8(template.body), 400),
    raw(notJson(template.body), 400),
    raw(notAnObject, 400),
    raw(prototypePoisoning(template.body), 400),
    fc
      .constantFrom(
        'text/plain',
        'application/xml',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/octet-stream',
      )
      .map((contentType) => request(Buffer.from(toJsonText(template.body)), `the body as ${contentType}`, contentType)),
    fc.constant(request(Buffer.alloc(0), 'an empty body', 'application/json', 400)),
  );
}

/** Ids in the path that are no ids: injection strings and the like, where a UUID belongs. */
export const hostilePathIds: fc.Arbitrary<string> = fc
  .oneof(
    injectionString,
    fc.constantFrom(
      '0',
      '-1',
      'null',
      'undefined',
      '00000000-0000-0000-0000-00000000000g',
      'a'.repeat(300),
      '%00',
      '..',
    ),
  )
  .map((s) => encodeURIComponent(s));
