import { ensureDatabase, migrateDeploy, parseDatabaseUrl } from '@cabs/postgres';
import type { ProcessSpec } from './system.js';

/**
 * Development start-up: each process's database exists and has every committed migration applied before the
 * process starts (production applies migrations with an explicit `npm run db:migrate`). Two at a time: the
 * Prisma CLI is CPU-bound and these machines have two cores.
 */
export async function provisionDatabases(
  serverUrl: string,
  processes: ProcessSpec[],
  log: (line: string) => void,
): Promise<void> {
  const queue = processes.filter((p) => p.database);
  const worker = async () => {
    for (let p = queue.shift(); p; p = queue.shift()) {
      const url = p.env.DATABASE_URL;
      await ensureDatabase(serverUrl, parseDatabaseUrl(url).database);
      await migrateDeploy(p.dir, url);
      log(`database ${parseDatabaseUrl(url).database} is migrated`);
    }
  };
  await Promise.all([worker(), worker()]);
}
