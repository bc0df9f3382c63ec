import { Injectable } from '@nestjs/common';
import { contracts, type DataOf } from '@cabs/contracts';
import { HandleEvent, type MeshContext } from '@cabs/mesh';
import { recordInvoice } from '../db/settlement.js';
import { unknownTransit } from './unknown-transit.js';

/** Invoicing answered: the ride's settlement shows the invoice number. */
@Injectable()
export class InvoiceIssuedHandler {
  @HandleEvent(contracts.invoiceIssued, { idempotent: true })
  async handle(
    { transitId, invoiceId, number }: DataOf<typeof contracts.invoiceIssued>,
    { tx }: MeshContext,
  ): Promise<void> {
    if (!(await recordInvoice(tx, transitId, { id: invoiceId, number }))) throw unknownTransit(transitId);
  }
}
