import pg from 'pg';
import { PLAN_EACH_EXECUTION } from '@cabs/postgres';
import { clusterCpuSeconds } from './cpu-time.js';

/** What one kind of exchange with PostgreSQL costs, each figure per exchange. */
export interface RoundTripCost {
  what: string;
  wallUs: number;
  /** This process's CPU: the driver (node-postgres) and the socket's system calls. */
  clientCpuUs: number;
  /** The server's CPU, when the bench runs its own (embedded) server and can read its processes. */
  serverCpuUs?: number;
}

const EXCHANGES = 3000;

/**
 * The unit costs behind a ride's figures: one statement's round trip, and a commit, durable or not, as the services
 * make them (named statements on a connection planned like theirs). One connection, one exchange at a time, so the
 * figures are the cost of the exchange itself rather than of waiting for others.
 */
export async function measureRoundTrips(url: string, dataDir: string | undefined): Promise<RoundTripCost[]> {
  const client = new pg.Client({ connectionString: url, options: PLAN_EACH_EXECUTION });
  await client.connect();
  try {
    await client.query('CREATE TEMPORARY TABLE round_trips (id bigserial PRIMARY KEY, note text)');
    const insert = (n: number) =>
      client.query({ name: 'insert', text: 'INSERT INTO round_trips (note) VALUES ($1)', values: [`n${n}`] });
    const inTransaction = async (n: number) => {
      await client.query('BEGIN');
      await insert(n);
      await client.query('COMMIT');
    };
    const costs = [
      await cost('a statement: SELECT $1 (named, prepared once)', dataDir, () =>
        client.query({ name: 'select', text: 'SELECT $1::int AS n', values: [1] }),
      ),
      await cost('an INSERT committing by itself (durable)', dataDir, insert),
      await cost('BEGIN; INSERT; COMMIT (durable)', dataDir, inTransaction),
    ];
    await client.query('SET synchronous_commit = off');
    costs.push(
      await cost('an INSERT committing by itself (synchronous_commit off)', dataDir, insert),
      await cost('BEGIN; INSERT; COMMIT (synchronous_commit off)', dataDir, inTransaction),
    );
    return costs;
  } finally {
    await client.end();
  }
}

async function cost(what: string, dataDir: string | undefined, exchange: (n: number) => Promise<unknown>) {
  for (let n = 0; n < 100; n++) await exchange(n); // warm: statements prepared, caches filled
  const serverBefore = await clusterCpuSeconds(dataDir);
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  for (let n = 0; n < EXCHANGES; n++) await exchange(n);
  const wallUs = ((performance.now() - started) * 1000) / EXCHANGES;
  const { user, system } = process.cpuUsage(clientBefore);
  const serverAfter = await clusterCpuSeconds(dataDir);
  return {
    what,
    wallUs,
    clientCpuUs: (user + system) / EXCHANGES,
    serverCpuUs:
      serverBefore === undefined || serverAfter === undefined
        ? undefined
        : ((serverAfter - serverBefore) * 1e6) / EXCHANGES,
  } satisfies RoundTripCost;
}
