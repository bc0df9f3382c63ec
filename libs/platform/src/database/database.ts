import { PrismaPg } from '@prisma/adapter-pg';
import { readPoolSize } from '../config.js';
import { connectionPool } from './sql.js';

/**
 * What the chassis needs of a service's generated PrismaClient. Each service has its own client class (its own
 * schema), so the platform and the mesh speak to it through this structural type and the DATABASE token.
 */
export interface DatabaseClient {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $transaction<R>(
    fn: (tx: unknown) => Promise<R>,
    options?: { maxWait?: number; timeout?: number; isolationLevel?: never },
  ): Promise<R>;
  $connect(): Promise<void>;
  $disconnect(): Promise<void>;
}

/** Injection token of the service's PrismaClient instance. */
export const DATABASE = Symbol.for('cabs.platform.database');

/**
 * How every service builds its PrismaClient: `super(prismaOptions(url))`. The `pg` driver adapter (Prisma 6's query
 * compiler needs no native engine) on a pool of its own: Prisma serves the read models, the writes go through
 * `SqlDatabase`'s pool.
 */
export function prismaOptions(databaseUrl: string, poolSize = readPoolSize()) {
  return {
    adapter: new PrismaPg(connectionPool(databaseUrl, poolSize), { disposeExternalPool: true }),
    transactionOptions: { maxWait: 10_000, timeout: 30_000 },
  };
}
