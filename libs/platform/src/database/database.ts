import { PrismaPg } from '@prisma/adapter-pg';
import { parseDatabaseUrl } from '@cabs/postgres';

/**
 * What the chassis needs of a service's generated PrismaClient. Each service has its own client class (its own
 * schema), so the platform and the mesh speak to it through this structural type and the DATABASE token.
 */
export interface DatabaseClient {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $transaction<R>(fn: (tx: unknown) => Promise<R>, options?: { maxWait?: number; timeout?: number; isolationLevel?: never }): Promise<R>;
  $connect(): Promise<void>;
  $disconnect(): Promise<void>;
}

/** Injection token of the service's PrismaClient instance. */
export const DATABASE = Symbol.for('cabs.platform.database');

/** The driver adapter every service's PrismaClient is built with (Prisma 6 query compiler + node-postgres). */
export function prismaAdapter(databaseUrl: string, poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10)): PrismaPg {
  return new PrismaPg({ ...parseDatabaseUrl(databaseUrl), max: poolSize });
}
