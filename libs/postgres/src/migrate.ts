import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
const unrefLongTimers = fileURLToPath(new URL('../bin/unref-long-timers.mjs', import.meta.url));

/** The environment every Prisma CLI call gets: offline, quiet. */
export const prismaCliEnv = {
  CHECKPOINT_DISABLE: '1',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  PRISMA_DISABLE_WARNINGS: '1',
} as const;

/**
 * Applies a service's committed migrations (`prisma migrate deploy`) to the given database. When Prisma's own table
 * already lists every one of them as applied — every restart of `npm start` — there is nothing for the CLI to do, so
 * it is not started: it costs about a second of CPU per database, half of a warm start on two cores.
 */
export async function migrateDeploy(serviceDir: string, databaseUrl: string): Promise<void> {
  if ((await pendingMigrations(serviceDir, databaseUrl)) === 0) return;
  await runMigrateDeploy(serviceDir, databaseUrl);
}

/**
 * How many of the service's migration directories `_prisma_migrations` does not record as finished (and not rolled
 * back): the same test `migrate deploy` makes before it applies anything. All of them on a database never migrated.
 */
export async function pendingMigrations(serviceDir: string, databaseUrl: string): Promise<number> {
  const entries = await readdir(join(serviceDir, 'prisma', 'migrations'), { withFileTypes: true });
  const committed = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // A database never migrated has no such table (and a query naming it would fail to plan).
    const [{ exists }] = (
      await client.query<{ exists: boolean }>("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists")
    ).rows;
    const { rows } = exists
      ? await client.query<{ migration_name: string }>(
          'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
        )
      : { rows: [] };
    const applied = new Set(rows.map((r) => r.migration_name));
    return committed.filter((name) => !applied.has(name)).length;
  } finally {
    await client.end();
  }
}

function runMigrateDeploy(serviceDir: string, databaseUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', unrefLongTimers, prismaCli, 'migrate', 'deploy'], {
      cwd: serviceDir,
      env: { ...process.env, ...prismaCliEnv, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`prisma migrate deploy failed in ${serviceDir} (exit ${code}):\n${output}`)),
    );
  });
}
