/** A VAT rate in basis points of the net amount: 800 = 8 %. */
export interface TaxRate {
  readonly basisPoints: number;
}

/** Minor units of one currency; `net + tax === gross` always. */
export interface TaxSplit {
  readonly net: number;
  readonly tax: number;
  readonly gross: number;
}

const WHOLE = 10_000n;

/**
 * Splits what the client paid into net and tax. The tax is computed from the gross ("from a hundred", as Polish VAT
 * allows for prices that include it) and rounded to the nearest minor unit, a half upwards; the net is what remains, so
 * the gross stays exactly the ride's price. BigInt because gross × rate can pass 2^53.
 */
export function splitGross(gross: number, rate: TaxRate): TaxSplit {
  if (!Number.isSafeInteger(gross) || gross < 0)
    throw new RangeError(`A gross amount is whole, non-negative minor units, not ${gross}`);
  if (!Number.isSafeInteger(rate.basisPoints) || rate.basisPoints < 0) {
    throw new RangeError(`A tax rate is whole, non-negative basis points, not ${rate.basisPoints}`);
  }
  const bp = BigInt(rate.basisPoints);
  const tax = Number(divideRoundingHalfUp(BigInt(gross) * bp, WHOLE + bp));
  return { net: gross - tax, tax, gross };
}

function divideRoundingHalfUp(dividend: bigint, divisor: bigint): bigint {
  return (2n * dividend + divisor) / (2n * divisor);
}
