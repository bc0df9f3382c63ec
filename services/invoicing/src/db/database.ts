import { prismaOptions } from '@cabs/platform';
import { PrismaClient, type Prisma } from './generated/client.js';

/** The invoicing service's own database: invoices and the per-year counters that number them. */
export class InvoicingDatabase extends PrismaClient {
  constructor(url: string) {
    super(prismaOptions(url));
  }
}

export type Tx = Prisma.TransactionClient;
