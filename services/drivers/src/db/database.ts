import { prismaOptions } from '@cabs/platform';
import { PrismaClient, type Prisma } from './generated/client.js';

/** The drivers service's own database. */
export class DriversDatabase extends PrismaClient {
  constructor(url: string) {
    super(prismaOptions(url));
  }
}

export type Tx = Prisma.TransactionClient;
