import { readdir } from 'node:fs/promises';
import type { SqlClient } from './sql.js';

/**
 * Readiness: every committed migration folder has been applied and none is half-applied.
 * Prisma records applied migrations in `_prisma_migrations`.
 */
export async function pendingMigrations(db: SqlClient, migrationsDir: string): Promise<string[]> {
  const committed = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  const applied = await db.query<{ migration_name: string }>(
    'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  );
  const done = new Set(applied.map((r) => r.migration_name));
  return committed.filter((name) => !done.has(name)).sort();
}
