import type { SqlClient } from '@cabs/platform';

/** Key space of the transit locks (the two-key advisory locks never collide with the relay's one-key lock). */
const ISSUING_FOR_TRANSIT = 0x696e76; // "inv"

/**
 * Makes concurrent issuers for one transit take turns until commit. Two different deliveries for the same ride
 * (a reconciler's re-issue, say) then see each other's invoice instead of racing into a unique violation.
 */
export async function lockTransit(tx: SqlClient, transitId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [ISSUING_FOR_TRANSIT, transitId]);
}

/** What an issuer holding the ride's lock finds: the number of the invoice the ride already has, or the next sequence. */
export type NumberClaim = { readonly invoiced: string } | { readonly sequence: number };

/**
 * The number of the ride's invoice if it has one; otherwise the next sequence number of the year, from 1. The
 * counter row stays locked until the transaction ends, so concurrent issuers of a year queue here; a rollback hands
 * the number back. No gaps, no duplicates. One statement after `lockTransit` (its own, so that it sees an invoice
 * committed while it waited for the lock).
 */
export async function claimNumber(tx: SqlClient, transitId: string, year: number): Promise<NumberClaim> {
  const [row] = await tx.query<{ invoiced: string; sequence: null } | { invoiced: null; sequence: number }>(
    `WITH invoiced AS (SELECT number FROM invoices WHERE transit_id = $1),
          claimed AS (
            INSERT INTO invoice_counters (year, last) SELECT $2::int, 1 WHERE NOT EXISTS (SELECT FROM invoiced)
            ON CONFLICT (year) DO UPDATE SET last = invoice_counters.last + 1
            RETURNING last)
     SELECT (SELECT number FROM invoiced) AS invoiced, (SELECT last FROM claimed) AS sequence`,
    [transitId, year],
  );
  return row.invoiced === null ? { sequence: row.sequence } : { invoiced: row.invoiced };
}
