import { noSuchDriver, type Driver, type DriverStatus, type DriverType } from '../domain/driver.js';
import type { Prisma } from './generated/client.js';
import type { Tx } from './database.js';
import { toDriver, toRecord } from './driver-record.js';

/** The queries worth naming. Every change loads its driver with `lockDriver`, so concurrent changes queue up. */

export async function loadDriver(db: Tx, id: string): Promise<Driver> {
  const row = await db.driver.findUnique({ where: { id } });
  return row ? toDriver(row) : noSuchDriver(id);
}

/** Loads the driver and holds its row until the transaction ends: no change made meanwhile gets lost. */
export async function lockDriver(tx: Tx, id: string): Promise<Driver> {
  await tx.$queryRaw`SELECT 1 FROM drivers WHERE id = ${id}::uuid FOR UPDATE`;
  return loadDriver(tx, id);
}

export interface DriverFilter {
  status?: DriverStatus;
  type?: DriverType;
  occupied?: boolean;
  limit: number;
}

/** Newest first. */
export async function listDrivers(db: Tx, { status, type, occupied, limit }: DriverFilter): Promise<Driver[]> {
  const where: Prisma.DriverWhereInput = { status, type };
  if (occupied !== undefined) where.occupiedBy = occupied ? { not: null } : null;
  const rows = await db.driver.findMany({ where, orderBy: [{ registeredAt: 'desc' }, { id: 'asc' }], take: limit });
  return rows.map(toDriver);
}

export async function insertDriver(tx: Tx, driver: Driver): Promise<void> {
  await tx.driver.create({ data: toRecord(driver) });
}

export async function saveDriver(tx: Tx, driver: Driver): Promise<void> {
  await tx.driver.update({ where: { id: driver.id }, data: toRecord(driver) });
}

/** Remembers that the driver was freed from this ride; false when that was already known. */
export async function recordFreedRide(tx: Tx, driverId: string, transitId: string): Promise<boolean> {
  const { count } = await tx.freedRide.createMany({ data: [{ driverId, transitId }], skipDuplicates: true });
  return count > 0;
}

export async function wasFreedFrom(tx: Tx, driverId: string, transitId: string): Promise<boolean> {
  return (await tx.freedRide.count({ where: { driverId, transitId } })) > 0;
}
