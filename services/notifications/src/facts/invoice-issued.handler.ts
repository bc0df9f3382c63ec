import { Injectable } from '@nestjs/common';
import { contracts, type DataOf } from '@cabs/contracts';
import { HandleEvent, type MeshContext } from '@cabs/mesh';
import { messagesFor } from '../domain/messages.js';
import { Postbox } from './postbox.js';

/** invoice-issued → the client hears the invoice number. */
@Injectable()
export class InvoiceIssuedHandler {
  constructor(private readonly postbox: Postbox) {}

  @HandleEvent(contracts.invoiceIssued, { idempotent: true })
  async handle(fact: DataOf<typeof contracts.invoiceIssued>, { tx, event }: MeshContext): Promise<void> {
    await this.postbox.deliver(tx, event, fact.transitId, messagesFor('cabs.invoicing.invoice-issued', fact));
  }
}
