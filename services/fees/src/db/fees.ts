import type { Month } from '../domain/earnings.js';
import type { FeeTerms } from '../domain/fee-terms.js';
import { money, type Money } from '../domain/money.js';
import type { Fee as FeeRow } from './generated/client.js';
import type { Tx } from './database.js';
import { feeTermsColumns, feeTermsFrom } from './fee-terms-record.js';

/** The driver's fee for one completed transit. */
export interface Fee {
  readonly transitId: string;
  readonly driverId: string;
  readonly transitPrice: Money;
  readonly fee: Money;
  /** The terms it was calculated with. */
  readonly terms: FeeTerms;
  readonly completedAt: Date;
  readonly month: Month;
  readonly calculatedAt: Date;
}

export async function findFee(db: Tx, transitId: string): Promise<Fee | null> {
  const row = await db.fee.findUnique({ where: { transitId } });
  return row && feeFrom(row);
}

/**
 * Records the ride's fee unless it has one already; says whether it did. One fee per transit, decided by the
 * primary key, so two commands for the same ride arriving together also make one fee (the second waits, then skips).
 */
export async function recordFee(tx: Tx, fee: Omit<Fee, 'calculatedAt'>): Promise<boolean> {
  const terms = feeTermsColumns(fee.terms);
  const { count } = await tx.fee.createMany({
    skipDuplicates: true,
    data: {
      transitId: fee.transitId,
      driverId: fee.driverId,
      currency: fee.fee.currency,
      transitPrice: BigInt(fee.transitPrice.amount),
      amount: BigInt(fee.fee.amount),
      termsType: terms.type,
      termsAmount: terms.amount,
      termsMin: terms.min,
      completedAt: fee.completedAt,
      month: fee.month,
    },
  });
  return count === 1;
}

function feeFrom(row: FeeRow): Fee {
  const currency = row.currency as Money['currency'];
  return {
    transitId: row.transitId,
    driverId: row.driverId,
    transitPrice: money(Number(row.transitPrice), currency),
    fee: money(Number(row.amount), currency),
    terms: feeTermsFrom({ type: row.termsType, amount: row.termsAmount, min: row.termsMin }),
    completedAt: row.completedAt,
    month: row.month as Month,
    calculatedAt: row.calculatedAt,
  };
}
