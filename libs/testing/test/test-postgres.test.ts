import { describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { createEmptyDatabase } from '../src/test-postgres.js';

describe('test databases', () => {
  it("gives each test its own database on the run's real PostgreSQL server", async () => {
    const server = inject('pg');
    const [a, b] = await Promise.all([createEmptyDatabase(server, 'iso'), createEmptyDatabase(server, 'iso')]);
    expect(a).not.toBe(b);
    const clientA = new pg.Client({ connectionString: a });
    const clientB = new pg.Client({ connectionString: b });
    await Promise.all([clientA.connect(), clientB.connect()]);
    try {
      await clientA.query('CREATE TABLE only_in_a (x int)');
      const { rows } = await clientB.query("SELECT to_regclass('only_in_a') AS t");
      expect(rows[0].t).toBeNull();
      const { rows: version } = await clientA.query('SHOW server_version_num');
      expect(Number(version[0].server_version_num)).toBeGreaterThanOrEqual(150000);
    } finally {
      await Promise.all([clientA.end(), clientB.end()]);
    }
  });
});
