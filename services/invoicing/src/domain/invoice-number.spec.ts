import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatInvoiceNumber, invoiceYear, parseInvoiceNumber } from './invoice-number.js';

describe('formatInvoiceNumber', () => {
  it.each([
    [2026, 1, '2026/000001'],
    [2026, 123, '2026/000123'],
    [2026, 999_999, '2026/999999'],
    [2026, 1_000_000, '2026/1000000'],
  ])('%i, %i → %s', (year, sequence, text) => {
    expect(formatInvoiceNumber({ year, sequence })).toBe(text);
  });

  it('refuses sequence 0, fractions and years without four digits', () => {
    expect(() => formatInvoiceNumber({ year: 2026, sequence: 0 })).toThrow(/numbered from 1/);
    expect(() => formatInvoiceNumber({ year: 2026, sequence: 1.5 })).toThrow(/numbered from 1/);
    expect(() => formatInvoiceNumber({ year: 999, sequence: 1 })).toThrow(/four digits/);
    expect(() => formatInvoiceNumber({ year: 10_000, sequence: 1 })).toThrow(/four digits/);
  });
});

describe('parseInvoiceNumber', () => {
  it('reads what formatInvoiceNumber writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 1e12 }), (year, sequence) => {
        expect(parseInvoiceNumber(formatInvoiceNumber({ year, sequence }))).toEqual({ year, sequence });
      }),
    );
  });

  it.each([
    '2026/00123',
    '2026/000000',
    '2026/0000123',
    '26/000123',
    '2026-000123',
    '2026/000123 ',
    '',
    '2026/00012a',
    '2026/99999999999999999',
  ])('rejects "%s"', (text) => {
    expect(() => parseInvoiceNumber(text)).toThrow(/is not an invoice number: expected YYYY\/NNNNNN/);
  });
});

describe('invoiceYear', () => {
  it('is the year in Warsaw at the time of issue', () => {
    expect(invoiceYear(new Date('2026-06-15T12:00:00Z'))).toBe(2026);
    // 00:30 on 1 January in Warsaw is still the old year in UTC
    expect(invoiceYear(new Date('2025-12-31T23:30:00Z'))).toBe(2026);
    expect(invoiceYear(new Date('2025-12-31T22:59:59Z'))).toBe(2025);
  });

  it('follows a configured zone', () => {
    expect(invoiceYear(new Date('2025-12-31T23:30:00Z'), 'UTC')).toBe(2025);
  });
});
