import { DomainError } from './domain-error.js';

/** Money is an integer number of minor units (grosze) and a currency: never a float. */
export type Currency = 'PLN';

/** The one currency Cabs settles in. */
export const SETTLEMENT_CURRENCY: Currency = 'PLN';

export interface Money {
  readonly amount: number;
  readonly currency: Currency;
}

export function money(amount: number, currency: Currency = SETTLEMENT_CURRENCY): Money {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`Money must be a whole number of minor units, got ${amount}`);
  }
  return { amount, currency };
}

/**
 * A transit's price as these rules can share it out. Fees, minimums and monthly earnings are all in the
 * settlement currency: a price in another one would be summed with zlotys, so it is refused instead.
 */
export function transitPrice(price: { readonly amount: number; readonly currency: string }): Money {
  if (price.currency !== SETTLEMENT_CURRENCY) {
    throw new DomainError(
      'invalid-price',
      `Fees are settled in ${SETTLEMENT_CURRENCY}; a transit priced in ${price.currency} cannot be settled.`,
    );
  }
  return money(price.amount);
}
