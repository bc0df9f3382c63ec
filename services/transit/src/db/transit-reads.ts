import { transitNotFound } from '../domain/domain-error.js';
import type { TransitDatabase } from './database.js';
import { WITH_ADDRESSES, type AddressRow, type TransitRow } from './transit-rows.js';

/** A transit with its addresses, as the read model shows it. */
export async function findTransit(db: TransitDatabase, id: string): Promise<TransitRow> {
  const row = await db.transit.findUnique({ where: { id }, include: WITH_ADDRESSES });
  if (!row) throw transitNotFound(id);
  return row;
}

/** An address rides start or end at; null when none has this id. */
export function findAddress(db: TransitDatabase, id: string): Promise<AddressRow | null> {
  return db.address.findUnique({ where: { id } });
}

export interface TransitFilter {
  status?: string;
  driverId?: string;
  clientId?: string;
  limit: number;
}

/** The newest rides first (by request time) that match every given filter. */
export function listTransits(
  db: TransitDatabase,
  { status, driverId, clientId, limit }: TransitFilter,
): Promise<TransitRow[]> {
  return db.transit.findMany({
    where: { status, driverId, clientId },
    include: WITH_ADDRESSES,
    orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }],
    take: limit,
  });
}
