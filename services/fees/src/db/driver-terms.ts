import { RetryLater } from '@cabs/mesh';
import type { FeeTerms } from '../domain/fee-terms.js';
import type { DriverFeeTerms } from './generated/client.js';
import type { Tx } from './database.js';
import { feeTermsColumns, feeTermsFrom } from './fee-terms-record.js';

/** One driver as the fees projection knows them, from the drivers' facts. */
export interface DriverTerms {
  readonly driverId: string;
  readonly name: string;
  readonly legacyId: number | null;
  readonly terms: FeeTerms;
  /** When drivers stated these terms. */
  readonly statedAt: Date;
}

export async function findDriverTerms(db: Tx, driverId: string): Promise<DriverTerms | null> {
  const row = await db.driverFeeTerms.findUnique({ where: { driverId } });
  return row && driverTermsFrom(row);
}

export async function findDriverTermsByLegacyId(db: Tx, legacyId: number): Promise<DriverTerms | null> {
  const row = await db.driverFeeTerms.findUnique({ where: { legacyId: BigInt(legacyId) } });
  return row && driverTermsFrom(row);
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
export async function recordDriverTerms(tx: Tx, { driverId, name, legacyId, terms, statedAt }: DriverTerms): Promise<void> {
  const { type, amount, min } = feeTermsColumns(terms);
  await tx.$executeRaw`
    INSERT INTO driver_fee_terms (driver_id, legacy_id, name, type, amount, min, stated_at)
    VALUES (${driverId}::uuid, ${legacyId === null ? null : BigInt(legacyId)}, ${name}, ${type}::fee_terms_type, ${amount}, ${min}, ${statedAt})
    ON CONFLICT (driver_id) DO UPDATE
       SET legacy_id = EXCLUDED.legacy_id, name = EXCLUDED.name, type = EXCLUDED.type,
           amount = EXCLUDED.amount, min = EXCLUDED.min, stated_at = EXCLUDED.stated_at
     WHERE driver_fee_terms.stated_at <= EXCLUDED.stated_at`;
}

function driverTermsFrom(row: DriverFeeTerms): DriverTerms {
  return {
    driverId: row.driverId,
    name: row.name,
    legacyId: row.legacyId === null ? null : Number(row.legacyId),
    terms: feeTermsFrom(row),
    statedAt: row.statedAt,
  };
}
