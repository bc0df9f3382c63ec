import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
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

/**
 * How every service builds its PrismaClient: `super(prismaOptions(url))`. The `pg` driver adapter (Prisma 6's query
 * compiler needs no native engine), and transaction limits sized for bursts: a mesh delivery that waits a little for
 * a pooled connection is better than one answered 500 and retried.
 */
export function prismaOptions(databaseUrl: string, poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10)) {
  return {
    adapter: new PrismaPg(connectionPool(databaseUrl, poolSize), { disposeExternalPool: true }),
    transactionOptions: { maxWait: 10_000, timeout: 30_000 },
  };
}

/**
 * The pool behind the adapter. When the server ends a connection (a restart, a failover), its client emits 'error';
 * pg-pool listens only while the client is idle in the pool, so one that was checked out — or being released after
 * its query failed — had no listener, Node made it an uncaught exception and the service died (found by the chaos
 * soak's PostgreSQL restart). The failure still reaches the query that was running, which fails and is retried.
 */
function connectionPool(databaseUrl: string, max: number): pg.Pool {
  const pool = new pg.Pool({ ...parseDatabaseUrl(databaseUrl), max });
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}
