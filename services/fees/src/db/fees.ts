import type { SqlClient } from '@cabs/platform';
import type { Month } from '../domain/earnings.js';
import type { FeeTerms } from '../domain/fee-terms.js';
import { money, type Money } from '../domain/money.js';
import type { Fee as FeeRow } from './generated/client.js';
import type { FeesDatabase } from './database.js';
import { feeTermsFrom, feeTermsValues } from './fee-terms-record.js';

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

export async function findFee(db: FeesDatabase, transitId: string): Promise<Fee | null> {
  const row = await db.fee.findUnique({ where: { transitId } });
  return row && feeFrom(row);
}

/**
 * Records the ride's fee and adds it to the driver's monthly earnings, unless the ride has its fee already; says
 * whether it did. One fee per transit, decided by the primary key, so two commands for the same ride arriving
 * together also make one fee (the second waits, then skips) and count it once. The month is added to in the same
 * statement, so rides settled at the same moment add up instead of both creating the month.
 */
export async function recordFee(tx: SqlClient, fee: Omit<Fee, 'calculatedAt'>): Promise<boolean> {
  const [{ recorded }] = await tx.query<{ recorded: boolean }>(
    `WITH fee AS (
       INSERT INTO fees (transit_id, driver_id, currency, transit_price, amount, terms_type, terms_amount, terms_min, completed_at, month)
       VALUES ($1, $2, $3, $4, $5, $6::fee_terms_type, $7, $8, $9, $10)
       ON CONFLICT (transit_id) DO NOTHING
       RETURNING driver_id, month, currency, amount),
     earned AS (
       INSERT INTO monthly_earnings (driver_id, month, currency, total, rides)
       SELECT driver_id, month, currency, amount, 1 FROM fee
       ON CONFLICT (driver_id, month) DO UPDATE
          SET total = monthly_earnings.total + EXCLUDED.total, rides = monthly_earnings.rides + 1)
     SELECT EXISTS (SELECT FROM fee) AS recorded`,
    [
      fee.transitId,
      fee.driverId,
      fee.fee.currency,
      fee.transitPrice.amount,
      fee.fee.amount,
      ...feeTermsValues(fee.terms),
      fee.completedAt,
      fee.month,
    ],
  );
  return recorded;
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
