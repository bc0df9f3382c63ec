import { prismaOptions } from '@cabs/platform';
import { PrismaClient, type Prisma } from './generated/client.js';

/** The notifications service's own database: the messages told to riders and drivers. */
export class NotificationsDatabase extends PrismaClient {
  constructor(url: string) {
    super(prismaOptions(url));
  }
}

export type Tx = Prisma.TransactionClient;
