import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PLAN_EACH_EXECUTION } from '@cabs/postgres';
import { PrismaClient } from '../db/generated/client.js';

/**
 * The broker's connections, in two pools that differ in one setting (docs/decisions/0006):
 *
 * - `durable`: every commit waits for its WAL flush. Used where the broker promises something — an
 *   accepted event (the 202), a stored reply, a redrive.
 * - `relaxed`: `synchronous_commit=off`. Used for claims and delivery outcomes, whose loss in a
 *   PostgreSQL crash only means a delivery is attempted once more, which at-least-once allows. A crash of
 *   the broker itself loses nothing either way: the setting only matters if PostgreSQL goes down.
 *
 * Prisma (the admin reads) shares the relaxed pool.
 */
export interface Database {
  durable: pg.Pool;
  relaxed: pg.Pool;
  prisma: PrismaClient;
  close(): Promise<void>;
}

export function openDatabase(url: string): Database {
  // Two pools: 202s are answered only after a durable commit; delivery bookkeeping may commit asynchronously
  // (losing an outcome in a crash only repeats an attempt).
  // Both run named statements, planned on each execution for the tables as they are (PLAN_EACH_EXECUTION).
  const durable = new pg.Pool({
    connectionString: url,
    max: 6,
    application_name: 'cabs-broker',
    options: PLAN_EACH_EXECUTION,
  });
  const relaxed = new pg.Pool({
    connectionString: url,
    max: 6,
    application_name: 'cabs-broker-dispatch',
    options: `${PLAN_EACH_EXECUTION} -c synchronous_commit=off`,
  });
  // A client that loses its server must not crash the process; the query it was running reports the failure.
  // The pool listens for errors only on idle clients, so each client gets a listener of its own as well: one that
  // is checked out when PostgreSQL restarts would otherwise emit an unhandled 'error'.
  for (const pool of [durable, relaxed]) {
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(relaxed) });
  return {
    durable,
    relaxed,
    prisma,
    async close() {
      await prisma.$disconnect();
      await Promise.all([durable.end(), relaxed.end()]);
    },
  };
}
