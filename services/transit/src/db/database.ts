import { prismaOptions } from '@cabs/platform';
import { PrismaClient, type Prisma } from './generated/client.js';

/** The transit service's own database; the platform creates the one instance and closes it on shutdown. */
export class TransitDatabase extends PrismaClient {
  constructor(url: string) {
    super(prismaOptions(url));
  }
}

/** The transaction a mesh handler or a REST write runs in. */
export type Tx = Prisma.TransactionClient;
