import { Type, type Static } from '@sinclair/typebox';
import { Amount, Id, TaxRate, Text, Timestamp } from '@cabs/contracts';
import type { Invoice } from '../db/generated/client.js';

/** An invoice as the REST API shows it. */
export const InvoiceView = Type.Object({
  id: Id('the invoice'),
  number: Type.String({ description: 'Sequential per year: YYYY/NNNNNN', examples: ['2026/000123'] }),
  transitId: Id('the ride'),
  clientId: Id('the client'),
  clientName: Text(200, "The client's display name, as printed on the invoice"),
  amount: Amount('What the client paid, VAT included (gross): net + tax'),
  net: Amount('The amount before VAT'),
  tax: Amount('The VAT the amount includes'),
  taxRate: TaxRate,
  issuedAt: Timestamp,
});
export type InvoiceView = Static<typeof InvoiceView>;

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
