import { prismaOptions } from '@cabs/platform';
import { PrismaClient } from './generated/client.js';

/** The transit service's own database as its read models query it (Prisma); the platform creates and closes it. */
export class TransitDatabase extends PrismaClient {
  constructor(url: string) {
    super(prismaOptions(url));
  }
}
