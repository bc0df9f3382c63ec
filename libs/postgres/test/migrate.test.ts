import { afterAll, describe, expect, inject, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { withDatabase } from '../src/connection.js';
import { dropDatabase, ensureDatabase } from '../src/databases.js';
import { migrateDeploy, pendingMigrations } from '../src/migrate.js';
import { workspaceRoot } from '../src/workspace-root.js';

const fees = join(workspaceRoot(), 'services', 'fees');
const database = `migrate_${randomUUID().slice(0, 8)}`;
const url = withDatabase(inject('pg').serverUrl, database);

afterAll(() => dropDatabase(inject('pg').serverUrl, database));

async function run(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

describe('migrateDeploy', () => {
  it('applies every migration to a new database, then finds none pending and leaves the database alone', async () => {
    await ensureDatabase(inject('pg').serverUrl, database);
    expect(await pendingMigrations(fees, url)).toBeGreaterThan(0);

    await migrateDeploy(fees, url);
    expect(await pendingMigrations(fees, url)).toBe(0);

    // With nothing pending the CLI is not started: a failed migration on record (which makes `migrate deploy`
    // refuse to run, P3009) goes unnoticed here.
    await run(
      "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at) VALUES ('failed', '', 'not_committed_here', now())",
    );
    await expect(migrateDeploy(fees, url)).resolves.toBeUndefined();
  });

  it('runs the Prisma CLI when a committed migration is not on record as applied', async () => {
    await run("DELETE FROM _prisma_migrations WHERE id = 'failed'");
    await run(
      'UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = (SELECT min(migration_name) FROM _prisma_migrations)',
    );
    expect(await pendingMigrations(fees, url)).toBe(1);
    // The CLI applies it again, onto the tables it made the first time.
    await expect(migrateDeploy(fees, url)).rejects.toThrow(/prisma migrate deploy failed/);
  });
});
