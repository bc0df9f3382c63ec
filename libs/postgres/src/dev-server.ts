import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres, type RunningServer } from './embedded-server.js';

/** The repository root: the nearest folder holding nx.json. */
export function workspaceRoot(from = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the workspace root (no nx.json above this file)');
    dir = parent;
  }
  return dir;
}

export const DEFAULT_EMBEDDED_PORT = 54329;

/**
 * The development PostgreSQL server: `DATABASE_URL` when set (any server, any database on it),
 * otherwise an embedded server whose data lives in the git-ignored `.data/postgres`.
 */
export async function devPostgres(options: { onLog?: (line: string) => void } = {}): Promise<RunningServer & { embedded: boolean }> {
  const external = process.env.DATABASE_URL;
  if (external) return { url: external, stop: async () => {}, embedded: false };
  const server = await startEmbeddedPostgres({
    dataDir: join(workspaceRoot(), '.data', 'postgres'),
    port: Number(process.env.CABS_PG_PORT ?? DEFAULT_EMBEDDED_PORT),
    onLog: options.onLog,
  });
  return { ...server, embedded: true };
}
