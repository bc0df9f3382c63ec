import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { commission, driverFee } from './driver-fee.js';
import { DEFAULT_FEE_TERMS, type FeeTerms } from './fee-terms.js';
import { money } from './money.js';

describe('the examples of docs/domain.md', () => {
  it.each<[string, number, FeeTerms, number]>([
    ['price 51.00, default terms', 5100, DEFAULT_FEE_TERMS, 4998],
    ['flat 10.00 on 60.00', 6000, { type: 'flat', amount: 1000 }, 5000],
    ['percentage 5000 on 80.00', 8000, { type: 'percentage', amount: 5000 }, 4000],
    ['percentage 700 with min 5.00 on 10.00', 1000, { type: 'percentage', amount: 700, min: 500 }, 930],
  ])('%s → %i', (_case, price, terms, fee) => {
    expect(driverFee(money(price), terms)).toEqual(money(fee));
  });
});

describe('commission', () => {
  it('rounds a percentage down to the cent', () => {
    expect(commission(money(5149), DEFAULT_FEE_TERMS)).toEqual(money(102)); // 102.98 → 102
    expect(commission(money(49), DEFAULT_FEE_TERMS)).toEqual(money(0)); // 0.98 → 0
    expect(commission(money(9999), { type: 'percentage', amount: 3333 })).toEqual(money(3332)); // 3332.6667 → 3332
  });

  it('stays exact where floating point would not', () => {
    const price = money(Number.MAX_SAFE_INTEGER);
    const expected = (BigInt(Number.MAX_SAFE_INTEGER) * 9999n) / 10_000n;
    expect(commission(price, { type: 'percentage', amount: 9999 }).amount).toBe(Number(expected));
  });

  it('is the flat amount whatever the price', () => {
    expect(commission(money(100), { type: 'flat', amount: 1000 })).toEqual(money(1000));
  });

  it('refuses a negative or fractional price', () => {
    expect(() => commission(money(-1), DEFAULT_FEE_TERMS)).toThrow(/non-negative number of cents/);
    expect(() => commission({ amount: 10.5, currency: 'PLN' }, DEFAULT_FEE_TERMS)).toThrow(/whole/);
  });
});

describe('driverFee at the edges', () => {
  it.each<[string, number, FeeTerms, number]>([
    ['zero price', 0, DEFAULT_FEE_TERMS, 0],
    ['zero price with a minimum', 0, { type: 'percentage', amount: 200, min: 500 }, 0],
    ['a flat commission above the price', 800, { type: 'flat', amount: 1000 }, 0],
    ['a flat commission above the price, with a minimum', 800, { type: 'flat', amount: 1000, min: 300 }, 300],
    ['a minimum above the price is capped at the price', 1000, { type: 'percentage', amount: 700, min: 5000 }, 1000],
    ['0 %', 1234, { type: 'percentage', amount: 0 }, 1234],
    ['100 %', 1234, { type: 'percentage', amount: 10_000 }, 0],
    ['100 % with a minimum', 1234, { type: 'percentage', amount: 10_000, min: 200 }, 200],
  ])('%s', (_case, price, terms, fee) => {
    expect(driverFee(money(price), terms)).toEqual(money(fee));
  });
});

describe('driverFee properties', () => {
  const price = fc.integer({ min: 0, max: 100_000_000 }).map((amount) => money(amount));
  const terms: fc.Arbitrary<FeeTerms> = fc.oneof(
    fc.record({
      type: fc.constant('percentage' as const),
      amount: fc.integer({ min: 0, max: 10_000 }),
      min: fc.option(fc.nat(), { nil: undefined }),
    }),
    fc.integer({ min: 1, max: 10_000_000 }).chain((amount) =>
      fc.record({
        type: fc.constant('flat' as const),
        amount: fc.constant(amount),
        min: fc.option(fc.nat({ max: amount }), { nil: undefined }),
      }),
    ),
  );

  it('is never negative and never more than the price', () => {
    fc.assert(
      fc.property(price, terms, (p, t) => {
        const fee = driverFee(p, t).amount;
        expect(fee).toBeGreaterThanOrEqual(0);
        expect(fee).toBeLessThanOrEqual(p.amount);
      }),
    );
  });

  it('gives at least the minimum, as far as the price allows', () => {
    fc.assert(
      fc.property(price, terms, (p, t) => {
        expect(driverFee(p, t).amount).toBeGreaterThanOrEqual(Math.min(t.min ?? 0, p.amount));
      }),
    );
  });

  it('adds up with the commission to the price when no minimum or cap applies', () => {
    fc.assert(
      fc.property(price, fc.integer({ min: 0, max: 10_000 }), (p, basisPoints) => {
        const t: FeeTerms = { type: 'percentage', amount: basisPoints };
        expect(driverFee(p, t).amount + commission(p, t).amount).toBe(p.amount);
      }),
    );
  });
});
