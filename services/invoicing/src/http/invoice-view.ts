import { Type, type Static } from '@sinclair/typebox';
import { Id, Money, Text, Timestamp } from '@cabs/contracts';
import type { Invoice } from '../db/generated/client.js';

/** An invoice as the REST API shows it. */
export const InvoiceView = Type.Object({
  id: Id('the invoice'),
  number: Type.String({ description: 'Sequential per year: YYYY/NNNNNN', examples: ['2026/000123'] }),
  transitId: Id('the ride'),
  clientId: Id('the client'),
  clientName: Text(200, "The client's display name, as printed on the invoice"),
  amount: Money,
  issuedAt: Timestamp,
});
export type InvoiceView = Static<typeof InvoiceView>;

export function toInvoiceView(invoice: Invoice): InvoiceView {
  return {
    id: invoice.id,
    number: invoice.number,
    transitId: invoice.transitId,
    clientId: invoice.clientId,
    clientName: invoice.clientName,
    // Within Number's safe range: the contract bounds every amount accepted.
    amount: { amount: Number(invoice.amount), currency: invoice.currency },
    issuedAt: invoice.issuedAt.toISOString(),
  };
}
