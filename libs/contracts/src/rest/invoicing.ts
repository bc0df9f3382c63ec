import { Type, type Static } from '@sinclair/typebox';
import { Amount, Id, TaxRate, Text, Timestamp } from '../building-blocks.js';

/* invoicing's REST API: what it accepts (validated) and what it answers (documented at its GET /openapi.json). */

export const INVOICES_DEFAULT_LIMIT = 50;

/** `GET /invoices`: both filters optional; an unknown parameter (a typo such as `transitID`) is an error, not ignored. */
export const InvoiceQuery = Type.Object(
  {
    transitId: Type.Optional(Id('the ride')),
    clientId: Type.Optional(Id('the client')),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 500,
        default: INVOICES_DEFAULT_LIMIT,
        description: 'At most this many invoices',
      }),
    ),
  },
  { additionalProperties: false },
);

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
