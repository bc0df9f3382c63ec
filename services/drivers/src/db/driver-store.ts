import type { SqlClient } from '@cabs/platform';
import { noSuchDriver, type Driver, type DriverStatus, type DriverType } from '../domain/driver.js';
import type { Prisma } from './generated/client.js';
import type { DriversDatabase } from './database.js';
import { DRIVER_COLUMNS, driverValues, toDriver, type DriverRow } from './driver-record.js';

/*
 * The queries worth naming. Reads (the REST views) through Prisma; changes in SQL, in the write's transaction, each
 * loading its driver with `lockDriver` so concurrent changes queue up.
 */

export async function loadDriver(db: DriversDatabase, id: string): Promise<Driver> {
  const row = await db.driver.findUnique({ where: { id } });
  return row ? toDriver(row) : noSuchDriver(id);
}

export interface DriverFilter {
  status?: DriverStatus;
  type?: DriverType;
  occupied?: boolean;
  limit: number;
}

/** Newest first. */
export async function listDrivers(
  db: DriversDatabase,
  { status, type, occupied, limit }: DriverFilter,
): Promise<Driver[]> {
  const where: Prisma.DriverWhereInput = { status, type };
  if (occupied !== undefined) where.occupiedBy = occupied ? { not: null } : null;
  const rows = await db.driver.findMany({ where, orderBy: [{ registeredAt: 'desc' }, { id: 'asc' }], take: limit });
  return rows.map(toDriver);
}

/** Loads the driver and holds its row until the transaction ends: no change made meanwhile gets lost. */
export async function lockDriver(tx: SqlClient, id: string): Promise<Driver> {
  const [row] = await tx.query<DriverRow>(`SELECT ${DRIVER_COLUMNS} FROM drivers WHERE id = $1 FOR UPDATE`, [id]);
  return row ? toDriver(row) : noSuchDriver(id);
}

const DRIVER_VALUES =
  '$1, $2, $3, $4, $5::driver_status, $6::driver_type, $7, $8, $9::fee_terms_type, $10, $11, $12::jsonb, $13, $14';

export async function insertDriver(tx: SqlClient, driver: Driver): Promise<void> {
  await tx.execute(
    `INSERT INTO drivers (id, legacy_id, first_name, last_name, status, type, licence_number, licence_expires, fee_terms_type,
                          fee_terms_amount, fee_terms_min, attributes, occupied_by, registered_at, updated_at)
     VALUES (${DRIVER_VALUES}, now())`,
    driverValues(driver),
  );
}

export async function saveDriver(tx: SqlClient, driver: Driver): Promise<void> {
  await tx.execute(
    `UPDATE drivers SET (legacy_id, first_name, last_name, status, type, licence_number, licence_expires, fee_terms_type,
                         fee_terms_amount, fee_terms_min, attributes, occupied_by, registered_at, updated_at)
                      = ($2, $3, $4, $5::driver_status, $6::driver_type, $7, $8, $9::fee_terms_type, $10, $11, $12::jsonb, $13, $14, now())
      WHERE id = $1`,
    driverValues(driver),
  );
}

/** Remembers that the driver was freed from this ride; false when that was already known. */
export async function recordFreedRide(tx: SqlClient, driverId: string, transitId: string): Promise<boolean> {
  return (
    (await tx.execute('INSERT INTO freed_rides (driver_id, transit_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      driverId,
      transitId,
    ])) > 0
  );
}

export async function wasFreedFrom(tx: SqlClient, driverId: string, transitId: string): Promise<boolean> {
  return (
    (await tx.query('SELECT 1 FROM freed_rides WHERE driver_id = $1 AND transit_id = $2', [driverId, transitId]))
      .length > 0
  );
}
