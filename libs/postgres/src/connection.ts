/** A PostgreSQL server and the per-service databases on it. */

export interface PgConnection {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/** Discrete fields, because `@prisma/adapter-pg` derives its shadow database from them (a URL would be reused as-is). */
export function parseDatabaseUrl(url: string): PgConnection {
  const u = new URL(url);
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new Error(`DATABASE_URL must be a postgresql:// URL, got "${u.protocol}"`);
  }
  return {
    host: decodeURIComponent(u.hostname) || 'localhost',
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username) || 'postgres',
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)) || 'postgres',
  };
}

/** The same server, another database: how one server hosts `cabs_transit`, `cabs_broker`, ... */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** Conventional database name of a service: `cabs_<service>`. */
export function serviceDatabaseName(service: string): string {
  return `cabs_${service.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`;
}

/**
 * Server settings for a connection that runs named (prepared) statements, as the broker and the services' write
 * side do: PostgreSQL still parses each statement once per connection, but plans every execution for the tables as
 * they are. Left to itself it switches to one generic plan after five executions; a plan chosen while a table was
 * young (the first minute of a fresh database) kept sequential scans as it grew — the broker's outcome update went
 * from 0.3 to 3.4 ms, the largest statement cost of a ride. Pass as pg's `options`.
 */
export const PLAN_EACH_EXECUTION = '-c plan_cache_mode=force_custom_plan';
