import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '@cabs/local-postgres';

export interface BenchPostgres {
  url: string;
  embedded: boolean;
  /** The embedded server's data directory (which identifies its processes). */
  dataDir?: string;
  stop(): Promise<void>;
}

/** The server of DATABASE_URL (the bench creates and drops its own databases on it), or a throwaway embedded one. */
export async function benchPostgres(databaseUrl: string | undefined): Promise<BenchPostgres> {
  if (databaseUrl) return { url: databaseUrl, embedded: false, stop: async () => {} };
  // Under tmpdir rather than .data/: nothing of it is kept.
  const dataDir = await mkdtemp(join(tmpdir(), 'cabs-bench-pg-'));
  // pg_stat_statements: what PostgreSQL's share of a ride is spent on (statement-figures.ts).
  const server = await startEmbeddedPostgres({
    dataDir,
    port: 54_900 + Math.floor(Math.random() * 90),
    persistent: false,
    settings: { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track_utility': 'on' },
  });
  return {
    url: server.url,
    embedded: true,
    dataDir,
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface PostgresFacts {
  version: string;
  fsync: string;
  synchronousCommit: string;
}

export async function postgresFacts(url: string): Promise<PostgresFacts> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const setting = async (name: string) => String((await client.query(`SHOW ${name}`)).rows[0][name]);
    return {
      version: await setting('server_version'),
      fsync: await setting('fsync'),
      synchronousCommit: await setting('synchronous_commit'),
    };
  } finally {
    await client.end();
  }
}
