import pg from 'pg';
import { parseDatabaseUrl, PLAN_EACH_EXECUTION } from '@cabs/postgres';

/** What a statement needs: the text with $1…$n placeholders and the values, as node-postgres takes them. */
export interface SqlClient {
  /** The rows a statement returns. */
  query<R extends object>(text: string, values?: readonly unknown[]): Promise<R[]>;
  /** How many rows a statement changed. */
  execute(text: string, values?: readonly unknown[]): Promise<number>;
}

/**
 * Each distinct statement text gets a name, so node-postgres prepares it once per connection and PostgreSQL
 * parses it once instead of on every execution (and plans it for the tables as they are: PLAN_EACH_EXECUTION). The
 * texts are the code's own constants (values travel as parameters), so the set is small; past the bound, statements
 * run unnamed rather than grow it for ever.
 */
const MAX_NAMED = 512;
const names = new Map<string, string>();
function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED) names.set(text, (name = `s${names.size}`));
  return name;
}

async function run(
  client: pg.Pool | pg.PoolClient,
  text: string,
  values: readonly unknown[] = [],
): Promise<pg.QueryResult> {
  return client.query({ name: statementName(text), text, values: values as unknown[] });
}

class Statements implements SqlClient {
  constructor(private readonly client: pg.Pool | pg.PoolClient) {}

  async query<R extends object>(text: string, values?: readonly unknown[]): Promise<R[]> {
    return (await run(this.client, text, values)).rows as R[];
  }

  async execute(text: string, values?: readonly unknown[]): Promise<number> {
    return (await run(this.client, text, values)).rowCount ?? 0;
  }
}

/**
 * The write side of a service: plain SQL on node-postgres, in transactions. Commands run a handful of statements
 * each, many times a second, so they skip the ORM (decision 0012); queries (the REST read models) stay on Prisma.
 */
export class SqlDatabase extends Statements {
  /**
   * The same database through connections that commit without waiting for the WAL flush (`synchronous_commit=off`
   * for their whole session, so it costs no statement) — only for writes whose loss in a database crash repeats work
   * instead of losing a fact: the outbox relay's "sent" marks. The broker keeps its delivery outcomes the same way.
   */
  readonly relaxed: SqlDatabase;

  constructor(
    readonly pool: pg.Pool,
    relaxedPool?: pg.Pool,
  ) {
    super(pool);
    this.relaxed = relaxedPool ? new SqlDatabase(relaxedPool) : this;
  }

  /** A database of `max` connections to `databaseUrl`, and two more that commit relaxed. */
  static connect(databaseUrl: string, max: number): SqlDatabase {
    return new SqlDatabase(connectionPool(databaseUrl, max), connectionPool(databaseUrl, 2, { relaxed: true }));
  }

  /**
   * Runs `work` in one transaction on one pooled connection: committed if it resolves, rolled back if it throws
   * (and the error passed on).
   */
  async transaction<R>(work: (tx: SqlClient) => Promise<R>): Promise<R> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(new Statements(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      // A failed ROLLBACK means the connection is gone: destroy it rather than hand it to the next caller.
      await client.query('ROLLBACK').catch((rollbackFailed: Error) => (broken = rollbackFailed));
      throw err;
    } finally {
      client.release(broken);
    }
  }

  async end(): Promise<void> {
    await Promise.all([this.pool.end(), this.relaxed !== this && this.relaxed.end()]);
  }
}

/**
 * A pool of `max` connections to `databaseUrl`. When the server ends a connection (a restart, a failover), its
 * client emits 'error'; pg-pool listens only while the client is idle in the pool, so one that was checked out had
 * no listener, Node made it an uncaught exception and the service died (found by the chaos soak's PostgreSQL
 * restart). The failure still reaches the query that was running, which fails and is retried.
 */
export function connectionPool(databaseUrl: string, max: number, { relaxed = false } = {}): pg.Pool {
  const options = relaxed ? `${PLAN_EACH_EXECUTION} -c synchronous_commit=off` : PLAN_EACH_EXECUTION;
  const pool = new pg.Pool({ ...parseDatabaseUrl(databaseUrl), max, options });
  pool.on('connect', (client) => client.on('error', () => {}));
  // An idle client's end is re-emitted by the pool itself, with no listener of its own an uncaught exception too;
  // the pool has already dropped that client, and the next checkout opens a new one.
  pool.on('error', () => {});
  return pool;
}
