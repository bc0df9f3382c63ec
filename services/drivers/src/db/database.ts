import { prismaAdapter } from '@cabs/platform';
import { PrismaClient, type Prisma } from './generated/client.js';

/** The drivers service's own database. */
export class DriversDatabase extends PrismaClient {
  constructor(url: string) {
    super({ adapter: prismaAdapter(url) });
  }
}

export type Tx = Prisma.TransactionClient;
