import { Type } from '@sinclair/typebox';
import { defineEvent } from '../define-event.js';
import { Id, Money, Text, Timestamp } from '../building-blocks.js';

const ClientName = Text(200, "The client's display name, as printed on the invoice");

export const issueInvoice = defineEvent({
  type: 'cabs.invoicing.issue-invoice',
  version: 1,
  kind: 'command',
  status: 'current',
  description: 'Issues the invoice for a completed ride; idempotent on the transit id.',
  sentBy: ['transit'],
  handledBy: ['invoicing'],
  schema: Type.Object({ transitId: Id('the ride'), clientId: Id('the client'), clientName: ClientName, amount: Money }),
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
  }),
});
