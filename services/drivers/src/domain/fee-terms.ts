import { DomainError } from './domain-error.js';

/**
 * The company's commission on a driver's rides. Drivers owns these terms and
 * states them as facts; fees applies them.
 */
export interface FeeTerms {
  readonly type: 'percentage' | 'flat';
  /** percentage: basis points (hundredths of a percent, 0–10000); flat: cents, > 0 */
  readonly amount: number;
  /** The least the driver earns from a ride, in cents. */
  readonly min?: number;
}

/** 2 %, for a driver registered without terms. */
export const DEFAULT_FEE_TERMS: FeeTerms = { type: 'percentage', amount: 200 };

const FULL_PRICE_IN_BASIS_POINTS = 10_000;

/** Returns the terms as given when they hold, or says in words what is wrong with them. */
export function validFeeTerms(terms: FeeTerms): FeeTerms {
  const { type, amount, min } = terms;
  const invalid = (reason: string) => new DomainError('invalid-fee-terms', `Invalid fee terms: ${reason}.`);

  if (type !== 'percentage' && type !== 'flat') {
    throw invalid(`the type must be "percentage" or "flat", not "${String(type)}"`);
  }
  if (!Number.isSafeInteger(amount)) {
    throw invalid(`the amount must be a whole number, not ${amount}`);
  }
  if (type === 'percentage' && (amount < 0 || amount > FULL_PRICE_IN_BASIS_POINTS)) {
    throw invalid(`a percentage is given in basis points from 0 to 10000, not ${amount}`);
  }
  if (type === 'flat' && amount <= 0) {
    throw invalid(`a flat commission must be more than 0 cents, not ${amount}`);
  }
  if (min !== undefined) {
    if (!Number.isSafeInteger(min) || min < 0) {
      throw invalid(`the minimum must be a whole number of cents, 0 or more, not ${min}`);
    }
    if (type === 'flat' && min > amount) {
      throw invalid(`with flat terms the minimum (${min}) may not exceed the amount (${amount})`);
    }
  }
  return terms;
}

export function feeTermsOrDefault(terms: FeeTerms | null | undefined): FeeTerms {
  return terms ? validFeeTerms(terms) : DEFAULT_FEE_TERMS;
}

/** Whether a change of terms is worth stating as a fact. */
export function sameFeeTerms(a: FeeTerms, b: FeeTerms): boolean {
  return a.type === b.type && a.amount === b.amount && (a.min ?? null) === (b.min ?? null);
}
