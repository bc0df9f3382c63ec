import { join } from 'node:path';
import { workspaceRoot } from '@cabs/postgres';
import { startEmbeddedPostgres, type RunningServer } from './embedded-server.js';

export const DEFAULT_EMBEDDED_PORT = 54329;

/**
 * The development PostgreSQL server: `DATABASE_URL` when set (any server, any database on it),
 * otherwise an embedded server whose data lives in the git-ignored `.data/postgres`.
 */
export async function devPostgres(
  options: { onLog?: (line: string) => void } = {},
): Promise<RunningServer & { embedded: boolean }> {
  const external = process.env.DATABASE_URL;
  if (external) return { url: external, stop: async () => {}, embedded: false };
  const server = await startEmbeddedPostgres({
    dataDir: join(workspaceRoot(), '.data', 'postgres'),
    port: Number(process.env.CABS_PG_PORT ?? DEFAULT_EMBEDDED_PORT),
    onLog: options.onLog,
  });
  return { ...server, embedded: true };
}
