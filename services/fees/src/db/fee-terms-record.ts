import type { FeeTerms } from '../domain/fee-terms.js';
import type { FeeTermsType } from './generated/client.js';

/** Fee terms as columns: amounts as BIGINT, since the contract allows flat commissions up to 2^53 - 1. */
export interface FeeTermsColumns {
  type: FeeTermsType;
  amount: bigint;
  min: bigint | null;
}

export function feeTermsFrom({ type, amount, min }: FeeTermsColumns): FeeTerms {
  return min === null ? { type, amount: Number(amount) } : { type, amount: Number(amount), min: Number(min) };
}

export function feeTermsColumns(terms: FeeTerms): FeeTermsColumns {
  return { type: terms.type, amount: BigInt(terms.amount), min: terms.min === undefined ? null : BigInt(terms.min) };
}
