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

/** An invoice about to be issued: everything but its number, which `issueNumbered` takes from the year's counter. */
export interface UnnumberedInvoice {
  readonly id: string;
  readonly year: number;
  readonly transitId: string;
  readonly clientId: string;
  readonly clientName: string;
  readonly gross: number;
  readonly net: number;
  readonly tax: number;
  readonly taxRateBasisPoints: number;
  readonly currency: string;
  readonly issuedAt: Date;
}

/** What an issuer holding the ride's lock gets: the number of the invoice the ride already had, or of the one stored. */
export type Issued = { readonly invoiced: string } | { readonly number: string; readonly sequence: number };

/*
 * The counter row stays locked from the claim until the transaction ends, so the issuers of a year take turns here
 * and a rollback hands the number back: no gaps, no duplicates. Everyone else waits for as long as the holder takes
 * to commit, so the claim and the invoice are one statement: the lock is held across two round trips (the outbox
 * write, the commit) rather than three. The number is printed by the same rule as formatInvoiceNumber (domain/
 * invoice-number.ts; a test holds the two together): YYYY/ and the sequence, zero-padded to at least six digits.
 * Its own statement after `lockTransit`, so that it sees an invoice committed while it waited for that lock.
 */
const ISSUE_NUMBERED = `
  WITH invoiced AS (SELECT number FROM invoices WHERE transit_id = $2),
       claimed AS (
         INSERT INTO invoice_counters (year, last) SELECT $3::int, 1 WHERE NOT EXISTS (SELECT FROM invoiced)
         ON CONFLICT (year) DO UPDATE SET last = invoice_counters.last + 1
         RETURNING last),
       issued AS (
         INSERT INTO invoices (id, number, year, sequence, transit_id, client_id, client_name, amount, net, tax, tax_rate_bp, currency, issued_at)
         SELECT $1, $3::int || '/' || lpad(last::text, greatest(6, length(last::text)), '0'), $3, last, $2, $4, $5, $6, $7, $8, $9, $10, $11
           FROM claimed
         RETURNING number, sequence)
  SELECT (SELECT number FROM invoiced) AS invoiced, number, sequence FROM (SELECT 1) AS one LEFT JOIN issued ON true`;

/** Stores the invoice under the year's next number, unless the ride already has one (then nothing is written). */
export async function issueNumbered(tx: SqlClient, invoice: UnnumberedInvoice): Promise<Issued> {
  const [row] = await tx.query<{ invoiced: string | null; number: string; sequence: number }>(ISSUE_NUMBERED, [
    invoice.id,
    invoice.transitId,
    invoice.year,
    invoice.clientId,
    invoice.clientName,
    invoice.gross,
    invoice.net,
    invoice.tax,
    invoice.taxRateBasisPoints,
    invoice.currency,
    invoice.issuedAt,
  ]);
  return row.invoiced === null ? { number: row.number, sequence: row.sequence } : { invoiced: row.invoiced };
}
