import type { Month } from '../domain/earnings.js';
import { money, type Money } from '../domain/money.js';
import type { Tx } from './database.js';

export interface MonthlyEarnings {
  readonly total: Money;
  readonly rides: number;
}

/**
 * Adds one ride's fee to the driver's month, in the same transaction as the fee itself. One statement, so rides
 * settled at the same moment add up instead of both creating the month.
 */
export async function addToMonthlyEarnings(tx: Tx, driverId: string, month: Month, fee: Money): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO monthly_earnings (driver_id, month, currency, total, rides)
    VALUES (${driverId}::uuid, ${month}, ${fee.currency}, ${BigInt(fee.amount)}, 1)
    ON CONFLICT (driver_id, month) DO UPDATE
       SET total = monthly_earnings.total + EXCLUDED.total, rides = monthly_earnings.rides + 1`;
}

/** A month without rides earned nothing. */
export async function monthlyEarnings(db: Tx, driverId: string, month: Month): Promise<MonthlyEarnings> {
  const row = await db.monthlyEarnings.findUnique({ where: { driverId_month: { driverId, month } } });
  return row ? { total: money(Number(row.total), row.currency as Money['currency']), rides: row.rides } : { total: money(0), rides: 0 };
}
