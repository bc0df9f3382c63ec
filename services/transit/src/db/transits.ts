import { randomUUID } from 'node:crypto';
import type { SqlClient } from '@cabs/platform';
import { sameAddress } from '../domain/address.js';
import { transitNotFound } from '../domain/domain-error.js';
import { SETTLEMENT_AT_COMPLETION } from '../domain/settlement.js';
import type { CompletedTransit, Transit } from '../domain/transit.js';
import {
  ADDRESS_COLUMNS,
  addressValues,
  TRANSIT_COLUMNS,
  TRANSIT_SELECT,
  transitOf,
  transitValues,
  type TransitRow,
} from './transit-rows.js';

/*
 * Loading and saving the transit aggregate, in SQL inside the write's transaction.
 */

/** The transit with its addresses as the read model shows it, for the answer to a write. */
export async function selectTransit(db: SqlClient, id: string): Promise<TransitRow> {
  const [row] = await db.query<TransitRow>(`${TRANSIT_SELECT} WHERE t.id = $1`, [id]);
  if (!row) throw transitNotFound(id);
  return row;
}

/**
 * Loads a transit to change it, holding its row until the transaction ends: two changes to one
 * ride (two drivers accepting it, a cancellation racing the start) take turns instead of one
 * silently overwriting the other. The second sees the first one's result and is judged on it.
 */
export async function lockTransit(tx: SqlClient, id: string): Promise<Transit> {
  const [row] = await tx.query<TransitRow>(`${TRANSIT_SELECT} WHERE t.id = $1 FOR UPDATE OF t`, [id]);
  if (!row) throw transitNotFound(id);
  return transitOf(row);
}

/** A new transit and its two addresses, in one statement. */
export async function insertTransit(tx: SqlClient, transit: Transit): Promise<void> {
  await tx.execute(
    `WITH pickup AS (INSERT INTO addresses (id, ${ADDRESS_COLUMNS}) VALUES ($15, $16, $17, $18, $19, $20, $21, $22)),
          destination AS (INSERT INTO addresses (id, ${ADDRESS_COLUMNS}) VALUES ($23, $24, $25, $26, $27, $28, $29, $30))
     INSERT INTO transits (id, ${TRANSIT_COLUMNS}, pickup_id, destination_id)
     VALUES ($31, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $23)`,
    [
      ...transitValues(transit),
      randomUUID(),
      ...addressValues(transit.pickup),
      randomUUID(),
      ...addressValues(transit.destination),
      transit.id,
    ],
  );
}

/** Saves a changed transit: `before` as it was loaded, `after` as the domain left it. */
export function saveTransit(tx: SqlClient, before: Transit, after: Transit): Promise<void> {
  return update(tx, before, after);
}

/** Saves a completed ride together with what its settlement starts from, and when the reconciler first looks: one statement. */
export function saveCompletion(
  tx: SqlClient,
  before: Transit,
  completed: CompletedTransit,
  firstCheckAt: Date,
): Promise<void> {
  const { driverFreed } = SETTLEMENT_AT_COMPLETION;
  return update(tx, before, completed, {
    sql: 'driver_freed = $16, next_reconcile_at = $17',
    values: [driverFreed, firstCheckAt],
  });
}

/** A new destination is a new address row, so the one it replaced stays readable. */
async function update(
  tx: SqlClient,
  before: Transit,
  after: Transit,
  also?: { sql: string; values: unknown[] },
): Promise<void> {
  const set = `(${TRANSIT_COLUMNS}) = ($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)${also ? `, ${also.sql}` : ''}`;
  const values = [after.id, ...transitValues(after), ...(also?.values ?? [])];
  if (sameAddress(before.destination, after.destination)) {
    await tx.execute(`UPDATE transits SET ${set} WHERE id = $1`, values);
    return;
  }
  const n = values.length;
  await tx.execute(
    `WITH destination AS (INSERT INTO addresses (id, ${ADDRESS_COLUMNS})
                          VALUES (${Array.from({ length: 8 }, (_, i) => `$${n + 1 + i}`).join(', ')}) RETURNING id)
     UPDATE transits SET ${set}, destination_id = (SELECT id FROM destination) WHERE id = $1`,
    [...values, randomUUID(), ...addressValues(after.destination)],
  );
}
