import type { FeeTerms } from '../domain/fee-terms.js';

/**
 * Fee terms as columns: amounts as BIGINT, since the contract allows flat commissions up to 2^53 - 1. Prisma (the
 * queries) reads BIGINT as a bigint, node-postgres (the writes) as a string.
 */
export interface FeeTermsColumns {
  type: FeeTerms['type'];
  amount: bigint | string;
  min: bigint | string | null;
}

export function feeTermsFrom({ type, amount, min }: FeeTermsColumns): FeeTerms {
  return min === null ? { type, amount: Number(amount) } : { type, amount: Number(amount), min: Number(min) };
}

/** The values of the type, amount and min columns, in that order. */
export function feeTermsValues(terms: FeeTerms): [FeeTerms['type'], number, number | null] {
  return [terms.type, terms.amount, terms.min ?? null];
}
