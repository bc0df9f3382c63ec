/**
 * `npm start`: the whole system on one machine, no Docker — embedded PostgreSQL (unless DATABASE_URL is set), the
 * broker and the five services as separate OS processes. Ready when every health check passes; Ctrl-C stops all.
 */
import { seedIfEmpty } from '@cabs/client';
import { devPostgres } from '@cabs/local-postgres';
import { startControlServer } from './control-server.js';
import { devstackEnv } from './environment.js';
import { provisionDatabases } from './provision.js';
import { Supervisor } from './supervisor.js';
import { paint } from './terminal.js';
import { localUrls, systemPorts, systemProcesses } from './system.js';

const bold = paint('bold');
const say = (line: string) => process.stdout.write(`${bold(`▸ ${line}`)}\n`);

const started = Date.now();
const postgres = await devPostgres();
say(
  postgres.embedded
    ? `PostgreSQL (embedded) at ${postgres.url}, data in .data/postgres`
    : `PostgreSQL at ${new URL(postgres.url).host} (DATABASE_URL)`,
);

// This script seeds, before it says ready; a console told to seed too (as compose tells it) would race it.
delete process.env.SEED_DEMO_DATA;
const ports = systemPorts();
const env = devstackEnv();
const processes = systemProcesses({
  serverUrl: postgres.url,
  ports,
  // A mesh-config of your own (e.g. a shorter retry budget for a workshop exercise).
  meshConfig: env.MESH_CONFIG,
  // Several systems on one PostgreSQL server (the workshop test runs one beside yours).
  databasePrefix: env.CABS_DATABASE_PREFIX,
});
await provisionDatabases(postgres.url, processes, say);

const supervisor = new Supervisor(processes);
let stopping = false;
const shutdown = async (signal: string, exitCode = 0) => {
  if (stopping) return;
  stopping = true;
  say(`${signal}: stopping every process (gracefully: in-flight deliveries and outboxes are flushed)`);
  await supervisor.stopAll();
  await control?.close();
  await postgres.stop();
  say('stopped');
  process.exit(exitCode);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

const control = await startControlServer(supervisor);
try {
  await supervisor.startAll();
  await seedIfEmpty(localUrls(ports), say);
} catch (err) {
  say(`start failed: ${(err as Error).message}`);
  await shutdown('error', 1);
}

say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
for (const s of supervisor.status()) say(`  ${s.name.padEnd(14)} ${s.url}`);
say(`open the console: http://localhost:${ports.console}   (watch events, retries and dead letters live)`);
say('try: npm run cabs -- ride      (complete a ride through the mesh and watch it settle)');
say('     npm run cabs -- status | stop invoicing | deliveries | watch       Ctrl-C stops everything');
