import type { Month } from '../domain/earnings.js';
import { money, type Money } from '../domain/money.js';
import type { FeesDatabase } from './database.js';

/** A driver's earnings in one month; a fee adds to them as it is recorded (`recordFee`). */
export interface MonthlyEarnings {
  readonly total: Money;
  readonly rides: number;
}

/** A month without rides earned nothing. */
export async function monthlyEarnings(db: FeesDatabase, driverId: string, month: Month): Promise<MonthlyEarnings> {
  const row = await db.monthlyEarnings.findUnique({ where: { driverId_month: { driverId, month } } });
  return row
    ? { total: money(Number(row.total), row.currency as Money['currency']), rides: row.rides }
    : { total: money(0), rides: 0 };
}
