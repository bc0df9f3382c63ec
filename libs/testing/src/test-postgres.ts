import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import postgres from 'pg';
import { freePort, startEmbeddedPostgres } from '@cabs/local-postgres';
import {
  dropDatabase,
  ensureDatabase,
  listDatabases,
  migrateDeploy,
  withDatabase,
  workspaceRoot,
} from '@cabs/postgres';

/**
 * The PostgreSQL server of one test run: `DATABASE_URL` when set, otherwise a throwaway embedded
 * server. Every database a run creates carries the run's prefix, so the run drops exactly its own.
 */
export interface TestPostgres {
  serverUrl: string;
  prefix: string;
  stop(): Promise<void>;
}

// Tests take their ports from the same place as the servers they start.
export { freePort };

export function templateDatabase(prefix: string, service: string): string {
  return `${prefix}tpl_${service}`;
}

/** Starts the server; each service's migrated template database is made the first time a test asks for it. */
export async function startTestPostgres(): Promise<TestPostgres> {
  const prefix = `t${randomUUID().slice(0, 8)}_`;
  let serverUrl = process.env.DATABASE_URL;
  let stopServer = async () => {};
  if (!serverUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), 'cabs-test-pg-'));
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
    serverUrl = server.url;
    stopServer = async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  const url = serverUrl;
  return {
    serverUrl: url,
    prefix,
    async stop() {
      for (const db of await listDatabases(url, prefix)) await dropDatabase(url, db);
      await stopServer();
    },
  };
}

// What the global setup provides to every test file; declared here, in a module the package's index exports, so
// `inject('pg')` type-checks wherever `@cabs/testing` is imported.
declare module 'vitest' {
  export interface ProvidedContext {
    pg: { serverUrl: string; prefix: string };
  }
}

/** A fresh, migrated database for one service, cloned from the run's template in milliseconds. */
export async function createServiceDatabase(
  pg: { serverUrl: string; prefix: string },
  service: string,
): Promise<string> {
  const name = `${pg.prefix}${service}_${randomUUID().slice(0, 8)}`;
  await ensureDatabase(pg.serverUrl, name, await ensureTemplate(pg, service));
  return withDatabase(pg.serverUrl, name);
}

const templatesMade = new Map<string, Promise<string>>();

/**
 * The run's template database of a service, migrated on first use: a run of one project's tests migrates only the
 * schemas it uses. Test files run in several workers, so an advisory lock on the server lets exactly one of them
 * migrate while the others wait; a template that failed to migrate is dropped, never left half-done.
 */
function ensureTemplate(pg: { serverUrl: string; prefix: string }, service: string): Promise<string> {
  const template = templateDatabase(pg.prefix, service);
  let made = templatesMade.get(template);
  if (!made) {
    made = withServerLock(pg.serverUrl, template, async () => {
      if ((await listDatabases(pg.serverUrl, template)).includes(template)) return template;
      await ensureDatabase(pg.serverUrl, template);
      try {
        await migrateDeploy(join(workspaceRoot(), 'services', service), withDatabase(pg.serverUrl, template));
      } catch (err) {
        await dropDatabase(pg.serverUrl, template);
        throw err;
      }
      return template;
    });
    templatesMade.set(template, made);
    made.catch(() => templatesMade.delete(template));
  }
  return made;
}

async function withServerLock<T>(serverUrl: string, key: string, fn: () => Promise<T>): Promise<T> {
  const client = new postgres.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
    return await fn();
  } finally {
    await client.end();
  }
}

/** An empty database (no schema), e.g. for the chassis' own tests. */
export async function createEmptyDatabase(pg: { serverUrl: string; prefix: string }, label: string): Promise<string> {
  const name = `${pg.prefix}${label}_${randomUUID().slice(0, 8)}`;
  await ensureDatabase(pg.serverUrl, name);
  return withDatabase(pg.serverUrl, name);
}
