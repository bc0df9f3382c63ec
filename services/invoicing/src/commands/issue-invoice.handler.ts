import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { contracts, type DataOf } from '@cabs/contracts';
import { HandleEvent, type MeshContext } from '@cabs/mesh';
import { Clock } from '../clock.js';
import type { Tx } from '../db/database.js';
import { lockTransit, nextSequence } from '../db/invoice-numbering.js';
import { formatInvoiceNumber, invoiceYear } from '../domain/invoice-number.js';

type IssueInvoice = DataOf<typeof contracts.issueInvoice>;

/** issue-invoice → one invoice per ride, numbered without gaps in the year of issue → invoice-issued. */
@Injectable()
export class IssueInvoiceHandler {
  private readonly logger = new Logger('IssueInvoice');

  constructor(private readonly clock: Clock) {}

  @HandleEvent(contracts.issueInvoice)
  async issue(command: IssueInvoice, { tx, emit }: MeshContext<Tx>): Promise<void> {
    await lockTransit(tx, command.transitId);
    const existing = await tx.invoice.findUnique({ where: { transitId: command.transitId } });
    if (existing) {
      // A repeated command (a re-issue, a second sender) is answered by the invoice already issued.
      this.logger.log(`Transit ${command.transitId} already has invoice ${existing.number}; nothing to issue`);
      return;
    }

    const issuedAt = this.clock.now();
    const year = invoiceYear(issuedAt);
    const sequence = await nextSequence(tx, year);
    const invoice = await tx.invoice.create({
      data: {
        id: randomUUID(),
        number: formatInvoiceNumber({ year, sequence }),
        year,
        sequence,
        transitId: command.transitId,
        clientId: command.clientId,
        clientName: command.clientName,
        amount: BigInt(command.amount.amount),
        currency: command.amount.currency,
        issuedAt,
      },
    });

    await emit(
      contracts.invoiceIssued,
      {
        invoiceId: invoice.id,
        number: invoice.number,
        transitId: invoice.transitId,
        clientId: invoice.clientId,
        amount: command.amount,
        issuedAt: issuedAt.toISOString(),
      },
      { subject: command.transitId },
    );
  }
}
