import { describe, expect, it } from 'vitest';
import { DEFAULT_FEE_TERMS, feeTermsOrDefault, sameFeeTerms, validFeeTerms, type FeeTerms } from './fee-terms.js';

describe('validFeeTerms', () => {
  it.each<FeeTerms>([
    { type: 'percentage', amount: 0 },
    { type: 'percentage', amount: 200 },
    { type: 'percentage', amount: 10_000 },
    { type: 'percentage', amount: 700, min: 500 },
    { type: 'percentage', amount: 700, min: 0 },
    { type: 'flat', amount: 1 },
    { type: 'flat', amount: 1000, min: 1000 },
  ])('accepts %o', (terms) => {
    expect(validFeeTerms(terms)).toEqual(terms);
  });

  it.each<[string, FeeTerms, RegExp]>([
    ['a negative percentage', { type: 'percentage', amount: -1 }, /basis points from 0 to 10000/],
    ['more than 100 %', { type: 'percentage', amount: 10_001 }, /basis points from 0 to 10000/],
    ['a fractional amount', { type: 'percentage', amount: 2.5 }, /whole number/],
    ['a zero flat commission', { type: 'flat', amount: 0 }, /more than 0 cents/],
    ['a negative flat commission', { type: 'flat', amount: -100 }, /more than 0 cents/],
    ['a negative minimum', { type: 'percentage', amount: 200, min: -1 }, /minimum must be/],
    ['a fractional minimum', { type: 'percentage', amount: 200, min: 0.5 }, /minimum must be/],
    ['a flat minimum above the amount', { type: 'flat', amount: 1000, min: 1001 }, /may not exceed the amount/],
    ['an unknown type', { type: 'tip' as FeeTerms['type'], amount: 100 }, /"percentage" or "flat"/],
  ])('rejects %s', (_case, terms, message) => {
    expect(() => validFeeTerms(terms)).toThrow(message);
  });
});

describe('feeTermsOrDefault', () => {
  it('gives 2 % to a driver registered without terms', () => {
    expect(feeTermsOrDefault(undefined)).toEqual({ type: 'percentage', amount: 200 });
    expect(feeTermsOrDefault(null)).toBe(DEFAULT_FEE_TERMS);
  });

  it('validates terms that were given', () => {
    expect(feeTermsOrDefault({ type: 'flat', amount: 500 })).toEqual({ type: 'flat', amount: 500 });
    expect(() => feeTermsOrDefault({ type: 'flat', amount: 0 })).toThrow(/Invalid fee terms/);
  });
});

describe('sameFeeTerms', () => {
  it('treats an absent minimum like no minimum, and any other difference as a change', () => {
    expect(sameFeeTerms({ type: 'flat', amount: 500 }, { type: 'flat', amount: 500, min: undefined })).toBe(true);
    expect(sameFeeTerms({ type: 'flat', amount: 500 }, { type: 'flat', amount: 500, min: 0 })).toBe(false);
    expect(sameFeeTerms({ type: 'flat', amount: 500 }, { type: 'percentage', amount: 500 })).toBe(false);
    expect(sameFeeTerms({ type: 'flat', amount: 500 }, { type: 'flat', amount: 501 })).toBe(false);
  });
});
