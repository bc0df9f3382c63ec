/** Money is an integer number of minor units (grosze) and a currency: never a float. */
export type Currency = 'PLN';

export interface Money {
  readonly amount: number;
  readonly currency: Currency;
}

export function money(amount: number, currency: Currency = 'PLN'): Money {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`Money must be a whole number of minor units, got ${amount}`);
  }
  return { amount, currency };
}
