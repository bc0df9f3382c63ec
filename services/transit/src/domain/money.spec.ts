import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addMoney, divideRoundingHalfUp, formatMoney, money } from './money.js';

describe('money', () => {
  it('holds whole minor units only', () => {
    expect(money(2900)).toEqual({ amount: 2900, currency: 'PLN' });
    expect(() => money(29.5)).toThrow(RangeError);
    expect(() => money(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
  });

  it('adds amounts of the same currency', () => {
    expect(addMoney(money(2000), money(900))).toEqual(money(2900));
  });
});

describe('divideRoundingHalfUp', () => {
  it.each([
    [0, 1000, 0],
    [499, 1000, 0],
    [500, 1000, 1],
    [1499, 1000, 1],
    [1500, 1000, 2],
    [2000, 1000, 2],
  ])('%i / %i → %i', (dividend, divisor, expected) => {
    expect(divideRoundingHalfUp(dividend, divisor)).toBe(expected);
  });

  it('agrees with rounding the exact quotient half up', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), fc.integer({ min: 1, max: 100_000 }), (dividend, divisor) => {
        const result = divideRoundingHalfUp(dividend, divisor);
        // result is the integer nearest to dividend/divisor, halves going up
        expect(2 * dividend - 2 * result * divisor).toBeLessThan(divisor);
        expect(2 * dividend - 2 * result * divisor).toBeGreaterThanOrEqual(-divisor);
      }),
    );
  });

  it('rejects negative dividends and non-positive divisors', () => {
    expect(() => divideRoundingHalfUp(-1, 10)).toThrow(RangeError);
    expect(() => divideRoundingHalfUp(1, 0)).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it.each([
    [2900, 'PLN 29.00'],
    [4998, 'PLN 49.98'],
    [5, 'PLN 0.05'],
    [0, 'PLN 0.00'],
    [-150, '-PLN 1.50'],
  ])('%i → %s', (amount, text) => {
    expect(formatMoney(money(amount))).toBe(text);
  });
});
