import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitGross } from './tax-split.js';

const EIGHT_PERCENT = { basisPoints: 800 };

describe('splitGross', () => {
  it.each([
    [2900, 2685, 215], // 214.81 → 215
    [1229, 1138, 91], // 91.04 → 91
    [108, 100, 8],
    [1, 1, 0],
    [0, 0, 0],
  ])('PLN %i at 8 %% is %i net + %i tax', (gross, net, tax) => {
    expect(splitGross(gross, EIGHT_PERCENT)).toEqual({ net, tax, gross });
  });

  it('rounds a half unit of tax up', () => {
    // At 20 % the tax is a sixth of the gross: 3 → 0.5, 9 → 1.5.
    expect(splitGross(3, { basisPoints: 2000 })).toEqual({ net: 2, tax: 1, gross: 3 });
    expect(splitGross(9, { basisPoints: 2000 })).toEqual({ net: 7, tax: 2, gross: 9 });
  });

  it('takes no tax at 0 %', () => {
    expect(splitGross(2900, { basisPoints: 0 })).toEqual({ net: 2900, tax: 0, gross: 2900 });
  });

  it('stays exact at the largest amount a contract allows, where gross × rate passes 2^53', () => {
    expect(splitGross(Number.MAX_SAFE_INTEGER, EIGHT_PERCENT)).toEqual({
      net: 8_339_999_309_945_362,
      tax: 667_199_944_795_629,
      gross: Number.MAX_SAFE_INTEGER,
    });
  });

  it('keeps the gross exactly and the tax within half a unit of the exact tax, at any rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: 10_000 }),
        (gross, basisPoints) => {
          const { net, tax } = splitGross(gross, { basisPoints });
          expect(net + tax).toBe(gross);
          expect(net).toBeGreaterThanOrEqual(0);
          expect(tax).toBeGreaterThanOrEqual(0);
          // |tax − gross·bp / (10000 + bp)| ≤ ½, in integers
          const whole = 10_000n + BigInt(basisPoints);
          const error = 2n * BigInt(tax) * whole - 2n * BigInt(gross) * BigInt(basisPoints);
          expect(error <= whole && error > -whole).toBe(true);
        },
      ),
    );
  });

  it('refuses amounts and rates that are not whole and non-negative', () => {
    expect(() => splitGross(-1, EIGHT_PERCENT)).toThrow(/whole, non-negative minor units/);
    expect(() => splitGross(29.5, EIGHT_PERCENT)).toThrow(/whole, non-negative minor units/);
    expect(() => splitGross(2900, { basisPoints: 8.5 })).toThrow(/whole, non-negative basis points/);
  });
});
