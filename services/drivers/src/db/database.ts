import { prismaOptions } from '@cabs/platform';
import { PrismaClient } from './generated/client.js';

/** The drivers service's own database, as its read models query it (Prisma). */
export class DriversDatabase extends PrismaClient {
  constructor(url: string) {
    super(prismaOptions(url));
  }
}
