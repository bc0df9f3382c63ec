import pg from 'pg';

/** What one database's statements cost during a run: PostgreSQL's share of a ride, by service. */
export interface StatementFigures {
  database: string;
  calls: number;
  /** Milliseconds PostgreSQL spent executing them (pg_stat_statements' total_exec_time). */
  execMs: number;
  /** Transactions committed, from pg_stat_database (each a WAL flush unless committed asynchronously). */
  commits: number;
  /** The statements PostgreSQL spent longest on (lock waits included), costliest first. */
  top: { query: string; calls: number; execMs: number }[];
}

/**
 * Reads pg_stat_statements (loaded by the bench's embedded server) and pg_stat_database. `reset` before a run,
 * `read` after it; with a server of DATABASE_URL that lacks the extension, the figures are simply absent.
 */
export class StatementCounter {
  private commitsBefore = new Map<string, number>();

  private constructor(private readonly url: string) {}

  static async create(url: string): Promise<StatementCounter | undefined> {
    const ok = await withClient(url, async (c) => {
      await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      return true;
    }).catch(() => false);
    return ok ? new StatementCounter(url) : undefined;
  }

  async reset(): Promise<void> {
    await withClient(this.url, async (c) => {
      await c.query('SELECT pg_stat_statements_reset()');
      this.commitsBefore = await commits(c);
    });
  }

  async read(databasePrefix: string): Promise<StatementFigures[]> {
    return withClient(this.url, async (c) => {
      const after = await commits(c);
      const { rows } = await c.query<{ database: string; query: string; calls: string; exec_ms: number }>(
        `SELECT d.datname AS database, s.query, s.calls, s.total_exec_time AS exec_ms
           FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
          WHERE d.datname LIKE $1 || '%'`,
        [databasePrefix],
      );
      const byDatabase = new Map<string, StatementFigures>();
      for (const row of rows) {
        const database = row.database.slice(databasePrefix.length);
        const figures = byDatabase.get(database) ?? {
          database,
          calls: 0,
          execMs: 0,
          commits: (after.get(row.database) ?? 0) - (this.commitsBefore.get(row.database) ?? 0),
          top: [],
        };
        figures.calls += Number(row.calls);
        figures.execMs += row.exec_ms;
        figures.top.push({
          query: row.query.replace(/\s+/g, ' ').slice(0, 120),
          calls: Number(row.calls),
          execMs: row.exec_ms,
        });
        byDatabase.set(database, figures);
      }
      for (const f of byDatabase.values()) f.top = f.top.sort((a, b) => b.execMs - a.execMs).slice(0, 8);
      return [...byDatabase.values()].sort((a, b) => b.calls - a.calls);
    });
  }
}

async function commits(c: pg.Client): Promise<Map<string, number>> {
  const { rows } = await c.query<{ datname: string; xact_commit: string }>(
    'SELECT datname, xact_commit FROM pg_stat_database WHERE datname IS NOT NULL',
  );
  return new Map(rows.map((r) => [r.datname, Number(r.xact_commit)]));
}

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
