import { DomainError } from './domain-error.js';
import type { FeeTerms } from './fee-terms.js';
import { money, type Money } from './money.js';

const FULL_PRICE_IN_BASIS_POINTS = 10_000n;

/** What the company keeps: a percentage rounded down to the cent, or a flat amount. */
export function commission(price: Money, terms: FeeTerms): Money {
  requireValidPrice(price);
  if (terms.type === 'flat') {
    return money(terms.amount, price.currency);
  }
  // BigInt: price × basis points may pass 2^53 for large prices; its division rounds down.
  const amount = (BigInt(price.amount) * BigInt(terms.amount)) / FULL_PRICE_IN_BASIS_POINTS;
  return money(Number(amount), price.currency);
}

/**
 * What the driver earns: the price less the commission, but at least the
 * minimum of the terms (never more than the price itself), and never negative.
 */
export function driverFee(price: Money, terms: FeeTerms): Money {
  const afterCommission = price.amount - commission(price, terms).amount;
  const guaranteed = Math.min(terms.min ?? 0, price.amount);
  return money(Math.max(afterCommission, guaranteed, 0), price.currency);
}

function requireValidPrice(price: Money): void {
  if (!Number.isSafeInteger(price.amount) || price.amount < 0) {
    throw new DomainError(
      'invalid-price',
      `A transit price is a whole, non-negative number of cents, not ${price.amount}.`,
    );
  }
}
