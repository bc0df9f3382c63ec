/** Money is an integer number of minor units (grosze) and a currency: never a float. */
export type Currency = 'PLN';

export interface Money {
  readonly amount: number;
  readonly currency: Currency;
}

export const DEFAULT_CURRENCY: Currency = 'PLN';

export function money(amount: number, currency: Currency = DEFAULT_CURRENCY): Money {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`Money must be a whole number of minor units, got ${amount}`);
  }
  return { amount, currency };
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) {
    throw new RangeError(`Cannot add ${b.currency} to ${a.currency}`);
  }
  return money(a.amount + b.amount, a.currency);
}

/** Integer division of non-negative integers, halves rounded up: 5/10 → 1, 4/10 → 0. */
export function divideRoundingHalfUp(dividend: number, divisor: number): number {
  if (!Number.isSafeInteger(dividend) || !Number.isSafeInteger(divisor) || dividend < 0 || divisor <= 0) {
    throw new RangeError(`Expected a non-negative dividend and a positive divisor, got ${dividend}/${divisor}`);
  }
  const quotient = Math.floor(dividend / divisor);
  const remainder = dividend - quotient * divisor;
  return 2 * remainder >= divisor ? quotient + 1 : quotient;
}

/** For people: "PLN 29.00". */
export function formatMoney({ amount, currency }: Money): string {
  const sign = amount < 0 ? '-' : '';
  const minor = Math.abs(amount);
  const major = Math.floor(minor / 100);
  const cents = String(minor % 100).padStart(2, '0');
  return `${sign}${currency} ${major}.${cents}`;
}
