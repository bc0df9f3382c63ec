import { prismaOptions } from '@cabs/platform';
import { PrismaClient } from './generated/client.js';

/** The notifications service's own database (the messages told to riders and drivers), as its queries read it (Prisma). */
export class NotificationsDatabase extends PrismaClient {
  constructor(url: string) {
    super(prismaOptions(url));
  }
}
