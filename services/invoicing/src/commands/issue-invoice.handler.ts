import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { contracts, issueInvoiceV1, issueInvoiceV2, type DataOf } from '@cabs/contracts';
import { HandleEvent, type MeshContext } from '@cabs/mesh';
import { Clock } from '@cabs/platform';
import { issueNumbered, lockTransit } from '../db/invoice-numbering.js';
import { invoiceYear } from '../domain/invoice-number.js';
import { assertSimplifiedInvoiceAllows } from '../domain/simplified-invoice.js';
import { splitGross } from '../domain/tax-split.js';
import { fromV1 } from './issue-invoice-v1.js';

type IssueInvoice = DataOf<typeof issueInvoiceV2>;

/** issue-invoice → one invoice per ride, numbered without gaps in the year of issue → invoice-issued. */
@Injectable()
export class IssueInvoiceHandler {
  private readonly logger = new Logger('IssueInvoice');

  constructor(private readonly clock: Clock) {}

  /** Deprecated; accepted until no v1 command is left in the mesh (`cabs drain`), so none is lost. */
  @HandleEvent(issueInvoiceV1)
  async handleV1(command: DataOf<typeof issueInvoiceV1>, ctx: MeshContext): Promise<void> {
    await this.handle(fromV1(command), ctx);
  }

  @HandleEvent(issueInvoiceV2)
  async handle(command: IssueInvoice, { tx, emit, restate }: MeshContext): Promise<void> {
    // A command the rules refuse is refused whatever the ride's state: there is nothing it may issue.
    assertSimplifiedInvoiceAllows(command.transitId, command.gross);
    await lockTransit(tx, command.transitId);
    const issuedAt = this.clock.now();
    const { net, tax, gross } = splitGross(command.gross.amount, command.taxRate);
    const { currency } = command.gross;
    const invoice = {
      id: randomUUID(),
      year: invoiceYear(issuedAt),
      transitId: command.transitId,
      clientId: command.clientId,
      clientName: command.clientName,
      gross,
      net,
      tax,
      taxRateBasisPoints: command.taxRate.basisPoints,
      currency,
      issuedAt,
    };
    const issued = await issueNumbered(tx, invoice);
    if ('invoiced' in issued) {
      // A repeated command (a re-issue, a second sender, the other version) is answered by the invoice already issued:
      // its InvoiceIssued again, the same event, in case the first never reached transit.
      const restated = await restate(contracts.invoiceIssued, { subject: command.transitId });
      this.logger.log(
        `Transit ${command.transitId} already has invoice ${issued.invoiced}; ${restated ? 'stated it again' : 'nothing to issue'}`,
      );
      return;
    }

    emit(
      contracts.invoiceIssued,
      {
        invoiceId: invoice.id,
        number: issued.number,
        transitId: invoice.transitId,
        clientId: invoice.clientId,
        amount: command.gross,
        issuedAt: issuedAt.toISOString(),
        net: { amount: net, currency },
        tax: { amount: tax, currency },
        taxRate: command.taxRate,
      },
      { subject: command.transitId },
    );
  }
}
