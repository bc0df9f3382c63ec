import { prismaAdapter } from '@cabs/platform';
import { PrismaClient, type Prisma } from './generated/client.js';

/** The fees service's own database. */
export class FeesDatabase extends PrismaClient {
  constructor(url: string) {
    super({ adapter: prismaAdapter(url) });
  }
}

export type Tx = Prisma.TransactionClient;
