import { randomUUID } from 'node:crypto';
import { sameAddress, type Address } from '../domain/address.js';
import { transitNotFound } from '../domain/domain-error.js';
import type { Transit } from '../domain/transit.js';
import type { Tx } from './database.js';
import { addressColumns, addressOf, transitColumns, transitOf, WITH_ADDRESSES } from './transit-rows.js';

/*
 * Loading and saving the transit aggregate, inside the caller's transaction.
 */

/**
 * Loads a transit to change it, holding its row until the transaction ends: two changes to one
 * ride (two drivers accepting it, a cancellation racing the start) take turns instead of one
 * silently overwriting the other. The second sees the first one's result and is judged on it.
 */
export async function lockTransit(tx: Tx, id: string): Promise<Transit> {
  await tx.$queryRaw`SELECT 1 FROM transits WHERE id = ${id}::uuid FOR UPDATE`;
  const row = await tx.transit.findUnique({ where: { id }, include: WITH_ADDRESSES });
  if (!row) throw transitNotFound(id);
  return transitOf(row);
}

export async function insertTransit(tx: Tx, transit: Transit): Promise<void> {
  await tx.transit.create({
    data: {
      id: transit.id,
      ...transitColumns(transit),
      pickup: { create: newAddress(transit.pickup) },
      destination: { create: newAddress(transit.destination) },
    },
  });
}

/** Saves a changed transit. A new destination is a new address row, so the one it replaced stays readable. */
export async function saveTransit(tx: Tx, transit: Transit): Promise<void> {
  const saved = await tx.transit.findUniqueOrThrow({ where: { id: transit.id }, select: { destination: true } });
  const destinationChanged = !sameAddress(addressOf(saved.destination), transit.destination);
  await tx.transit.update({
    where: { id: transit.id },
    data: {
      ...transitColumns(transit),
      ...(destinationChanged && { destination: { create: newAddress(transit.destination) } }),
    },
  });
}

const newAddress = (address: Address) => ({ id: randomUUID(), ...addressColumns(address) });
