import pg from 'pg';
import type { TestSystem } from './test-system.js';

/** Read-only SQL against the databases of a test system's processes, to check what was stored (and what was not). */
export class SystemDatabases {
  private readonly pools = new Map<string, pg.Pool>();

  constructor(private readonly system: TestSystem) {}

  async rows<T = Record<string, unknown>>(process: string, sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool(process).query(sql, params)).rows as T[];
  }

  async count(process: string, sql: string, params: unknown[] = []): Promise<number> {
    const [row] = await this.rows<{ n: string }>(process, sql, params);
    return Number(row.n);
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.end()));
  }

  private pool(process: string): pg.Pool {
    let pool = this.pools.get(process);
    if (!pool) {
      pool = new pg.Pool({ connectionString: this.system.supervisor.spec(process).env.DATABASE_URL, max: 1 });
      this.pools.set(process, pool);
    }
    return pool;
  }
}
