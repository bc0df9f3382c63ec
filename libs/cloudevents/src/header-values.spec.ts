import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeHeaderValue, encodeHeaderValue } from './header-values.js';
import { Problem } from './mesh-event.js';

describe('binary-mode header values', () => {
  it('leaves printable ASCII, spaces and quotes alone', () => {
    expect(encodeHeaderValue('usvc://cabs/transit')).toBe('usvc://cabs/transit');
    expect(encodeHeaderValue('a "quoted" value')).toBe('a "quoted" value');
  });

  it('escapes non-ASCII as UTF-8, and the percent sign itself', () => {
    expect(encodeHeaderValue('Łódź 100%')).toBe('%C5%81%C3%B3d%C5%BA 100%25');
    expect(encodeHeaderValue('🌎')).toBe('%F0%9F%8C%8E');
    expect(encodeHeaderValue('tab\there')).toBe('tab%09here');
  });

  it('decodes escapes', () => {
    expect(decodeHeaderValue('%C5%81%C3%B3d%C5%BA')).toBe('Łódź');
    expect(decodeHeaderValue('100%25 sure')).toBe('100% sure');
  });

  it.each(['100% sure', '%', '%4', '%Z1', '%FF', '%C3%28', '%E0%A4', '%80', '%C0%AF', '%ED%A0%80', '%F4%90%80%80'])(
    'refuses %s: a stray percent sign or escapes that are not UTF-8',
    (value) => {
      expect(decodeHeaderValue(value)).toBeInstanceOf(Problem);
    },
  );

  it('round-trips every string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(decodeHeaderValue(encodeHeaderValue(s))).toBe(s);
      }),
    );
  });

  // Any code point, lone surrogates included; bounded length keeps it quick on a loaded machine.
  it('produces only what an HTTP header may carry', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (s) => {
        expect(encodeHeaderValue(s)).toMatch(/^[\x20-\x7e]*$/);
      }),
    );
  }, 30_000);
});
