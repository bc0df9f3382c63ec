import { RetryLater } from '@cabs/mesh';
import type { SqlClient } from '@cabs/platform';
import type { FeeTerms } from '../domain/fee-terms.js';
import type { FeesDatabase } from './database.js';
import { feeTermsFrom, feeTermsValues } from './fee-terms-record.js';

/*
 * The fees projection of the drivers' terms. Reads for the REST views through Prisma; the mesh handlers' reads and
 * changes in SQL, in the handler's transaction.
 */

/** One driver as the fees projection knows them, from the drivers' facts. */
export interface DriverTerms {
  readonly driverId: string;
  readonly name: string;
  readonly legacyId: number | null;
  readonly terms: FeeTerms;
  /** When drivers stated these terms. */
  readonly statedAt: Date;
}

/**
 * A driver_fee_terms row as both sides read it: Prisma's generated `DriverFeeTerms` and `DRIVER_TERMS_COLUMNS`
 * through node-postgres, which hands BIGINT over as a string where Prisma gives a bigint.
 */
interface DriverTermsRow {
  driverId: string;
  legacyId: bigint | string | null;
  name: string;
  type: FeeTerms['type'];
  amount: bigint | string;
  min: bigint | string | null;
  statedAt: Date;
}

const DRIVER_TERMS_COLUMNS =
  'driver_id AS "driverId", legacy_id AS "legacyId", name, type, amount, min, stated_at AS "statedAt"';

export async function findDriverTerms(db: FeesDatabase, driverId: string): Promise<DriverTerms | null> {
  const row = await db.driverFeeTerms.findUnique({ where: { driverId } });
  return row && driverTermsFrom(row);
}

export async function selectDriverTerms(tx: SqlClient, driverId: string): Promise<DriverTerms | null> {
  const [row] = await tx.query<DriverTermsRow>(
    `SELECT ${DRIVER_TERMS_COLUMNS} FROM driver_fee_terms WHERE driver_id = $1`,
    [driverId],
  );
  return row ? driverTermsFrom(row) : null;
}

export async function selectDriverTermsByLegacyId(tx: SqlClient, legacyId: number): Promise<DriverTerms | null> {
  const [row] = await tx.query<DriverTermsRow>(
    `SELECT ${DRIVER_TERMS_COLUMNS} FROM driver_fee_terms WHERE legacy_id = $1`,
    [legacyId],
  );
  return row ? driverTermsFrom(row) : null;
}

/**
 * The eventual-consistency moment: a driver registered moments ago may not have reached this projection yet
 * (the fact is still on its way, or fees was down). "Not yet" (409), so the mesh retries until it has.
 */
export function notInProjectionYet(driver: string): never {
  throw new RetryLater(`${driver} is not in the fees projection yet; the mesh will retry`);
}

/**
 * Records what drivers stated, unless terms stated later are already known: the mesh may deliver a driver's facts
 * out of order (retries), and an older fact arriving late must not undo a newer one. One statement, so concurrent
 * facts about the same driver are decided by the row lock, not by who read first.
 */
export async function recordDriverTerms(
  tx: SqlClient,
  { driverId, name, legacyId, terms, statedAt }: DriverTerms,
): Promise<void> {
  await tx.execute(
    `INSERT INTO driver_fee_terms (driver_id, legacy_id, name, type, amount, min, stated_at)
     VALUES ($1, $2, $3, $4::fee_terms_type, $5, $6, $7)
     ON CONFLICT (driver_id) DO UPDATE
        SET legacy_id = EXCLUDED.legacy_id, name = EXCLUDED.name, type = EXCLUDED.type,
            amount = EXCLUDED.amount, min = EXCLUDED.min, stated_at = EXCLUDED.stated_at
      WHERE driver_fee_terms.stated_at <= EXCLUDED.stated_at`,
    [driverId, legacyId, name, ...feeTermsValues(terms), statedAt],
  );
}

/**
 * New terms for a driver the projection knows, unless terms stated later are already known (as above); says
 * whether it knows the driver. One statement: the change and the question whether there was anything to change.
 */
export async function changeDriverTerms(
  tx: SqlClient,
  driverId: string,
  terms: FeeTerms,
  statedAt: Date,
): Promise<boolean> {
  const [{ known }] = await tx.query<{ known: boolean }>(
    `WITH changed AS (
       UPDATE driver_fee_terms SET type = $2::fee_terms_type, amount = $3, min = $4, stated_at = $5
        WHERE driver_id = $1 AND stated_at <= $5)
     SELECT EXISTS (SELECT FROM driver_fee_terms WHERE driver_id = $1) AS known`,
    [driverId, ...feeTermsValues(terms), statedAt],
  );
  return known;
}

function driverTermsFrom(row: DriverTermsRow): DriverTerms {
  return {
    driverId: row.driverId,
    name: row.name,
    legacyId: row.legacyId === null ? null : Number(row.legacyId),
    terms: feeTermsFrom(row),
    statedAt: row.statedAt,
  };
}
