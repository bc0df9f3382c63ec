import { afterEach, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { PLAN_EACH_EXECUTION } from '../src/connection.js';

/** How a named statement was planned on its connection, after ten executions. */
async function plansAfterTenRuns(options?: string): Promise<{ generic_plans: string; custom_plans: string }> {
  const client = new pg.Client({ connectionString: inject('pg').serverUrl, options });
  clients.push(client);
  await client.connect();
  await client.query('CREATE TEMP TABLE rows_in_a_young_table (id bigint PRIMARY KEY)');
  for (let i = 0; i < 10; i++) {
    await client.query({ name: 'by_id', text: 'SELECT id FROM rows_in_a_young_table WHERE id = $1', values: [i] });
  }
  const { rows } = await client.query(
    "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = 'by_id'",
  );
  return rows[0];
}

const clients: pg.Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.end()));
});

describe('named statements on connections opened with PLAN_EACH_EXECUTION', () => {
  it('are planned for the table as it is on every execution, never with one generic plan', async () => {
    expect(await plansAfterTenRuns(PLAN_EACH_EXECUTION)).toEqual({ generic_plans: '0', custom_plans: '10' });
  });

  it('(which PostgreSQL, left to itself, switches to after five)', async () => {
    const plans = await plansAfterTenRuns();
    expect(Number(plans.generic_plans)).toBeGreaterThan(0);
  });
});
