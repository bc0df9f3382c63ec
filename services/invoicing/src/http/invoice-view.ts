import type { InvoiceView } from '@cabs/contracts';
import type { Invoice } from '../db/generated/client.js';

/** An invoice as the REST API shows it (InvoiceView, the contract's schema). */
export function toInvoiceView(invoice: Invoice): InvoiceView {
  // Within Number's safe range: the contract bounds every amount accepted.
  const money = (minorUnits: bigint) => ({ amount: Number(minorUnits), currency: invoice.currency });
  return {
    id: invoice.id,
    number: invoice.number,
    transitId: invoice.transitId,
    clientId: invoice.clientId,
    clientName: invoice.clientName,
    amount: money(invoice.gross),
    net: money(invoice.net),
    tax: money(invoice.tax),
    taxRate: { basisPoints: invoice.taxRateBasisPoints },
    issuedAt: invoice.issuedAt.toISOString(),
  };
}
