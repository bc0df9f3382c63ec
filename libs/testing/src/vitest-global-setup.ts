import type { TestProject } from 'vitest/node';
import { startTestPostgres } from './test-postgres.js';

/** One PostgreSQL server per test run, shared by every worker through `inject('pg')`. */
export default async function setup(project: TestProject) {
  const pg = await startTestPostgres();
  project.provide('pg', { serverUrl: pg.serverUrl, prefix: pg.prefix });
  return () => pg.stop();
}
