import pg from 'pg';
import { withDatabase } from './connection.js';

/** Runs `fn` with a client on the server's maintenance database (`postgres`). */
async function onServer<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Creates the database unless it exists. Safe to call concurrently from several processes. */
export async function ensureDatabase(serverUrl: string, database: string, template?: string): Promise<void> {
  await onServer(serverUrl, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount) return;
    try {
      await client.query(`CREATE DATABASE ${ident(database)}${template ? ` TEMPLATE ${ident(template)}` : ''}`);
    } catch (err) {
      // 42P04 duplicate_database: another process won the race, which is fine.
      if ((err as { code?: string }).code !== '42P04') throw err;
    }
  });
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  await onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${ident(database)} WITH (FORCE)`));
}

export async function listDatabases(serverUrl: string, prefix: string): Promise<string[]> {
  return onServer(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname',
      [prefix],
    );
    return rows.map((r) => r.datname);
  });
}
