import type { Money } from '@cabs/contracts';
import type { SqlClient } from '@cabs/platform';
import type { InvoiceRef } from '../domain/settlement.js';

/*
 * The settlement of a completed ride fills in as the answers arrive (it opens with the completion, see
 * `saveCompletion`). Each write touches one ride's row and says whether it was there: an answer about a
 * ride this service does not know must not vanish silently.
 */

export async function recordFee(tx: SqlClient, transitId: string, fee: Money): Promise<boolean> {
  return (await tx.execute('UPDATE transits SET fee_amount = $2, fee_currency = $3 WHERE id = $1', [transitId, fee.amount, fee.currency])) > 0;
}

export async function recordInvoice(tx: SqlClient, transitId: string, invoice: InvoiceRef): Promise<boolean> {
  return (await tx.execute('UPDATE transits SET invoice_id = $2, invoice_number = $3 WHERE id = $1', [transitId, invoice.id, invoice.number])) > 0;
}

export async function recordDriverFreed(tx: SqlClient, transitId: string): Promise<boolean> {
  return (await tx.execute('UPDATE transits SET driver_freed = true WHERE id = $1', [transitId])) > 0;
}
