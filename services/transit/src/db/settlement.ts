import type { Money } from '@cabs/contracts';
import type { SqlClient } from '@cabs/platform';
import type { InvoiceRef } from '../domain/settlement.js';

/*
 * The settlement of a completed ride fills in as the answers arrive (it opens with the completion, see
 * `saveCompletion`). Each write touches one ride's row and says whether it was there: an answer about a
 * ride this service does not know must not vanish silently. Each is one statement that sets values, so the same
 * answer delivered again changes nothing: their handlers are idempotent and need no inbox entry (decision 0021). The answer that completes a settlement also ends the
 * reconciler's watch (no next look), so it never visits a ride that settled by itself. `otherStepsDone` mirrors
 * `SETTLEMENT_STEPS` (fee, invoice, driverFreed) in SQL; in an UPDATE it reads the row as it was, so each names the
 * steps other than its own.
 */

const settledUnless = (otherStepsDone: string) =>
  `next_reconcile_at = CASE WHEN ${otherStepsDone} THEN NULL ELSE next_reconcile_at END`;

export async function recordFee(tx: SqlClient, transitId: string, fee: Money): Promise<boolean> {
  return (
    (await tx.execute(
      `UPDATE transits SET fee_amount = $2, fee_currency = $3, ${settledUnless('invoice_id IS NOT NULL AND driver_freed')} WHERE id = $1`,
      [transitId, fee.amount, fee.currency],
    )) > 0
  );
}

export async function recordInvoice(tx: SqlClient, transitId: string, invoice: InvoiceRef): Promise<boolean> {
  return (
    (await tx.execute(
      `UPDATE transits SET invoice_id = $2, invoice_number = $3, ${settledUnless('fee_amount IS NOT NULL AND driver_freed')} WHERE id = $1`,
      [transitId, invoice.id, invoice.number],
    )) > 0
  );
}

export async function recordDriverFreed(tx: SqlClient, transitId: string): Promise<boolean> {
  return (
    (await tx.execute(
      `UPDATE transits SET driver_freed = true, ${settledUnless('fee_amount IS NOT NULL AND invoice_id IS NOT NULL')} WHERE id = $1`,
      [transitId],
    )) > 0
  );
}
