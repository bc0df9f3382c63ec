import fc from 'fast-check';

/** A number literal placed into JSON text verbatim. */
export class RawNumber {
  constructor(readonly literal: string) {}
}

/** Text that tries to be SQL or markup: valid as a name, never as an id, amount or attribute of the mesh. */
export const INJECTION_STRINGS = [
  "'; DROP TABLE transits; --",
  "' OR '1'='1",
  '1; DELETE FROM mesh_inbox',
  "Robert'); DROP TABLE invoices;--",
  '$$; SELECT pg_sleep(10); $$',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{constructor.constructor("return process")()}}',
  '${7*7}',
  '../../../../etc/passwd',
  '\\u0000',
] as const;

export const injectionString = fc.oneof(
  fc.constantFrom(...INJECTION_STRINGS),
  fc.tuple(fc.constantFrom(...INJECTION_STRINGS), fc.string({ maxLength: 8 })).map(([a, b]) => a + b),
);

/**
 * Percent-encoding a CloudEvents header value must not carry (HTTP binding 1.0.2, §3.1.3.2): a `%` without two hex
 * digits, escapes that are not UTF-8 (truncated, stray continuation, overlong, surrogates, 0xFF).
 */
export const INVALID_ESCAPES = [
  '%',
  '%Z1',
  '%4',
  '%E0%A4',
  '%C3%28',
  '%80',
  '%FF',
  '%C0%AF',
  '%ED%A0%80',
  '%F4%90%80%80',
] as const;

/** Escapes of control characters, which CloudEvents forbids in attribute values. */
export const CONTROL_ESCAPES = ['%00', '%01', '%07', '%0A', '%0D', '%1B', '%7F', '%C2%85'] as const;

/** Byte sequences that are not UTF-8. */
export const INVALID_UTF8: readonly Buffer[] = [
  Buffer.from([0xff]),
  Buffer.from([0xc3, 0x28]),
  Buffer.from([0xe2, 0x82]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xc0, 0xaf]),
  Buffer.from([0x80, 0x80]),
  Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
];

/** A value that is plain ASCII with something hostile spliced in; what follows never starts with a hex digit, which could complete an escape. */
export const splice = (bad: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.stringMatching(/^[a-z0-9.-]{0,12}$/), bad, fc.stringMatching(/^([g-z.-][a-z0-9.-]{0,11})?$/))
    .map(([a, b, c]) => a + b + c);

/**
 * Money a ledger must never take: negative, fractional, beyond 2^53 - 1 (where cents are silently lost), not a number.
 * Raw literals (`1e400`, 30 digits) are written into the JSON text as they are: JSON.stringify cannot produce them.
 */
export const hostileAmount: fc.Arbitrary<number | string | RawNumber> = fc.oneof(
  fc.integer({ min: -1_000_000_000, max: -1 }),
  fc.constantFrom(-0.01, 0.5, 12.34, 2 ** 53, 2 ** 63, Number.MAX_VALUE, -Number.MAX_SAFE_INTEGER),
  fc.constantFrom(
    new RawNumber('1e400'),
    new RawNumber('-1e400'),
    new RawNumber('123456789012345678901234567890'),
    new RawNumber('9007199254740993'),
  ),
  fc.constantFrom('100', '1e3', 'NaN', 'Infinity', ''),
);
