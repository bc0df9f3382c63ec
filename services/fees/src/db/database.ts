import { prismaOptions } from '@cabs/platform';
import { PrismaClient, type Prisma } from './generated/client.js';

/** The fees service's own database. */
export class FeesDatabase extends PrismaClient {
  constructor(url: string) {
    super(prismaOptions(url));
  }
}

export type Tx = Prisma.TransactionClient;
