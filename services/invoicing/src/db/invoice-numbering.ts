import type { Tx } from './database.js';

/** Key space of the transit locks (the two-key advisory locks never collide with the relay's one-key lock). */
const ISSUING_FOR_TRANSIT = 0x696e76; // "inv"

/**
 * Makes concurrent issuers for one transit take turns until commit. Two different deliveries for the same ride
 * (a reconciler's re-issue, say) then see each other's invoice instead of racing into a unique violation.
 */
export async function lockTransit(tx: Tx, transitId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ISSUING_FOR_TRANSIT}::int, hashtext(${transitId}))`;
}

/**
 * The next sequence number of the year, from 1. The counter row stays locked until the transaction ends, so
 * concurrent issuers of a year queue here; a rollback hands the number back. No gaps, no duplicates.
 */
export async function nextSequence(tx: Tx, year: number): Promise<number> {
  const [{ last }] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO invoice_counters (year, last) VALUES (${year}::int, 1)
    ON CONFLICT (year) DO UPDATE SET last = invoice_counters.last + 1
    RETURNING last`;
  return last;
}
