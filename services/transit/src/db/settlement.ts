import type { Money } from '@cabs/contracts';
import { SETTLEMENT_AT_COMPLETION, type InvoiceRef } from '../domain/settlement.js';
import type { CompletedTransit } from '../domain/transit.js';
import type { Tx } from './database.js';

/*
 * The settlement of a completed ride fills in as the answers arrive. Each write touches one
 * ride's row and says whether it was there: an answer about a ride this service does not know
 * must not vanish silently.
 */

/** What is settled the moment a ride completes, and when the reconciler should first look at the rest. */
export async function openSettlement(tx: Tx, transit: CompletedTransit): Promise<void> {
  await tx.transit.update({
    where: { id: transit.id },
    data: { driverFreed: SETTLEMENT_AT_COMPLETION.driverFreed, nextReconcileAt: transit.completedAt },
  });
}

export async function recordFee(tx: Tx, transitId: string, fee: Money): Promise<boolean> {
  const { count } = await tx.transit.updateMany({ where: { id: transitId }, data: { feeAmount: fee.amount, feeCurrency: fee.currency } });
  return count > 0;
}

export async function recordInvoice(tx: Tx, transitId: string, invoice: InvoiceRef): Promise<boolean> {
  const { count } = await tx.transit.updateMany({ where: { id: transitId }, data: { invoiceId: invoice.id, invoiceNumber: invoice.number } });
  return count > 0;
}

export async function recordDriverFreed(tx: Tx, transitId: string): Promise<boolean> {
  const { count } = await tx.transit.updateMany({ where: { id: transitId }, data: { driverFreed: true } });
  return count > 0;
}
