import { mkdtempSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { startEmbeddedPostgres } from '@cabs/local-postgres';
import { dropDatabase, ensureDatabase, listDatabases, migrateDeploy, withDatabase, workspaceRoot } from '@cabs/postgres';

/**
 * The PostgreSQL server of one test run: `DATABASE_URL` when set, otherwise a throwaway embedded
 * server. Every database a run creates carries the run's prefix, so the run drops exactly its own.
 */
export interface TestPostgres {
  serverUrl: string;
  prefix: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Services that own a Prisma schema, discovered from the tree so a new service needs no registration. */
export function servicesWithSchema(): string[] {
  const dir = join(workspaceRoot(), 'services');
  return readdirSync(dir).filter((s) => existsSync(join(dir, s, 'prisma', 'migrations')));
}

export function templateDatabase(prefix: string, service: string): string {
  return `${prefix}tpl_${service}`;
}

/** Starts the server and migrates one template database per service; tests clone those in milliseconds. */
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
  const root = workspaceRoot();
  for (const service of servicesWithSchema()) {
    const template = templateDatabase(prefix, service);
    await ensureDatabase(url, template);
    await migrateDeploy(join(root, 'services', service), withDatabase(url, template));
  }
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

/** A fresh, migrated database for one service, cloned from the run's template. */
export async function createServiceDatabase(pg: { serverUrl: string; prefix: string }, service: string): Promise<string> {
  const name = `${pg.prefix}${service}_${randomUUID().slice(0, 8)}`;
  await ensureDatabase(pg.serverUrl, name, templateDatabase(pg.prefix, service));
  return withDatabase(pg.serverUrl, name);
}

/** An empty database (no schema), e.g. for the chassis' own tests. */
export async function createEmptyDatabase(pg: { serverUrl: string; prefix: string }, label: string): Promise<string> {
  const name = `${pg.prefix}${label}_${randomUUID().slice(0, 8)}`;
  await ensureDatabase(pg.serverUrl, name);
  return withDatabase(pg.serverUrl, name);
}
