import fc from 'fast-check';
import { INVALID_UTF8 } from './hostile-values.js';

/** The body limit of the broker's ingress and of every service (services/broker/README.md: 1 MiB). */
export const ONE_MIB = 1024 * 1024;

/** A raw body and what makes it hostile. */
export interface RawBody {
  body: Buffer;
  what: string;
}

/** `{"a":{"a":...}}` or `[[...]]`, `depth` levels: small in bytes, deep enough to exhaust a recursive parser or printer. */
export function deeplyNested(depth: number, shape: 'array' | 'object', inner = '1'): string {
  return shape === 'array'
    ? '['.repeat(depth) + inner + ']'.repeat(depth)
    : '{"a":'.repeat(depth) + inner + '}'.repeat(depth);
}

/** The valid document with an extra field nested `depth` deep: schemas that tolerate unknown fields let it through. */
export const deeplyNestedField = (valid: Record<string, unknown>): fc.Arbitrary<RawBody> =>
  fc
    .record({
      depth: fc.integer({ min: 1_000, max: 150_000 }),
      shape: fc.constantFrom('array' as const, 'object' as const),
    })
    .map(({ depth, shape }) => {
      const document = JSON.stringify(valid);
      return {
        body: Buffer.from(`${document.slice(0, -1)},"extra":${deeplyNested(depth, shape)}}`),
        what: `an extra field nested ${depth} ${shape}s deep`,
      };
    });

/** Over the 1 MiB limit: a long string inside an otherwise plausible document. */
export const oversized = (valid: Record<string, unknown>): fc.Arbitrary<RawBody> =>
  fc.integer({ min: 1, max: 64 * 1024 }).map((extra) => {
    const filler = 'x'.repeat(ONE_MIB + extra);
    return { body: Buffer.from(JSON.stringify({ ...valid, filler })), what: `${ONE_MIB + extra} bytes of filler` };
  });

/** The valid document with bytes that are not UTF-8 inside one of its strings. */
export const invalidUtf8 = (valid: Record<string, unknown>): fc.Arbitrary<RawBody> =>
  fc.constantFrom(...INVALID_UTF8).map((bytes) => {
    const document = Buffer.from(JSON.stringify({ ...valid, note: '\u0001MARK\u0001' }));
    const at = document.indexOf('\\u0001MARK\\u0001');
    const body = Buffer.concat([document.subarray(0, at), bytes, document.subarray(at + '\\u0001MARK\\u0001'.length)]);
    return { body, what: `bytes ${bytes.toString('hex')} (not UTF-8) inside a string` };
  });

/** Text that is not JSON at all, or JSON cut short. */
export const notJson = (valid: Record<string, unknown>): fc.Arbitrary<RawBody> =>
  fc.oneof(
    fc.integer({ min: 1, max: 40 }).map((cut) => ({
      body: Buffer.from(JSON.stringify(valid).slice(0, -cut)),
      what: `JSON cut ${cut} characters short`,
    })),
    fc
      .constantFrom(
        '{',
        '{"a":}',
        "{'single': 'quotes'}",
        '{"a":1,}',
        'NaN',
        '<xml/>',
        '--',
        '{"a":1}{"b":2}',
        '\u0000',
      )
      .map((text) => ({ body: Buffer.from(text), what: `not JSON: ${text}` })),
  );

/** JSON that is well formed but not an object: `null`, a number, a string, an array. */
export const notAnObject: fc.Arbitrary<RawBody> = fc
  .constantFrom('null', '0', '-1', '"text"', '[]', '[{}]', 'true', '1e400')
  .map((text) => ({ body: Buffer.from(text), what: `a JSON ${text} instead of an object` }));

/** Prototype pollution: `__proto__` or `constructor.prototype` keys. */
export const prototypePoisoning = (valid: Record<string, unknown>): fc.Arbitrary<RawBody> =>
  fc.constantFrom('{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"isAdmin":true}}}').map((extra) => {
    const document = JSON.stringify(valid);
    return { body: Buffer.from(`{${extra.slice(1, -1)},${document.slice(1)}`), what: `prototype poisoning ${extra}` };
  });
