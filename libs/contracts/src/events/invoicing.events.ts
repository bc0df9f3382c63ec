import { Type } from '@sinclair/typebox';
import { defineEvent } from '../define-event.js';
import { Amount, Id, Money, TaxRate, Text, Timestamp } from '../building-blocks.js';

const ClientName = Text(200, "The client's display name, as printed on the invoice");

/**
 * v1 states only what the client paid; invoicing reads it as taxed at 8 %, the rate of every ride so far. Deprecated:
 * no one sends it any more, and invoicing accepts it until none is left in the mesh (docs/decisions/0010).
 */
export const issueInvoiceV1 = defineEvent({
  type: 'cabs.invoicing.issue-invoice',
  version: 1,
  kind: 'command',
  status: 'deprecated',
  description:
    'Issues the invoice for a completed ride, for an amount VAT included at 8 %; idempotent on the transit id. ' +
    'Deprecated: send v2, which names the rate (docs/decisions/0010).',
  sentBy: ['transit'],
  handledBy: ['invoicing'],
  schema: Type.Object({ transitId: Id('the ride'), clientId: Id('the client'), clientName: ClientName, amount: Money }),
});

/** v2 names the VAT rate the price includes: a new required field, and `amount` renamed, so a new version. */
export const issueInvoiceV2 = defineEvent({
  type: 'cabs.invoicing.issue-invoice',
  version: 2,
  kind: 'command',
  status: 'current',
  description:
    'Issues the invoice for a completed ride: the price the client paid and the VAT rate it includes, which invoicing ' +
    'splits into net and tax; idempotent on the transit id.',
  sentBy: ['transit'],
  handledBy: ['invoicing'],
  schema: Type.Object({
    transitId: Id('the ride'),
    clientId: Id('the client'),
    clientName: ClientName,
    gross: Amount('The price the client paid, VAT included'),
    taxRate: TaxRate,
  }),
});

export const invoiceIssued = defineEvent({
  type: 'cabs.invoicing.invoice-issued',
  version: 1,
  kind: 'fact',
  status: 'current',
  description: 'An invoice was issued for a completed ride.',
  sentBy: ['invoicing'],
  handledBy: ['transit', 'notifications'],
  schema: Type.Object({
    invoiceId: Id('the invoice'),
    number: Type.String({
      pattern: '^[0-9]{4}/[0-9]{6,}$',
      maxLength: 20,
      description: 'Invoice number, sequential per year: YYYY/NNNNNN',
    }),
    transitId: Id('the ride'),
    clientId: Id('the client'),
    amount: Money,
    issuedAt: Timestamp,
    // Optional only because they joined a published version (docs/decisions/0007): invoicing always sends them.
    net: Type.Optional(Amount('The amount before VAT: amount = net + tax')),
    tax: Type.Optional(Amount('The VAT the amount includes')),
    taxRate: Type.Optional(TaxRate),
  }),
});
