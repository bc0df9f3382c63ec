import { prismaOptions } from '@cabs/platform';
import { PrismaClient } from './generated/client.js';

/** The invoicing service's own database (invoices and the per-year counters that number them), as its queries read it (Prisma). */
export class InvoicingDatabase extends PrismaClient {
  constructor(url: string) {
    super(prismaOptions(url));
  }
}
