/**
 * `npm run broker`: the local event mesh alone, on the development PostgreSQL (embedded unless DATABASE_URL is set).
 * MESH_CONFIG points at a mesh-config directory (default mesh-config/); subscribers resolve as for `npm start`.
 */
import { devPostgres } from '@cabs/local-postgres';
import { devstackEnv } from './environment.js';
import { provisionDatabases } from './provision.js';
import { Supervisor } from './supervisor.js';
import { systemProcesses } from './system.js';

const postgres = await devPostgres();
const broker = systemProcesses({ serverUrl: postgres.url, meshConfig: devstackEnv().MESH_CONFIG }).filter(
  (p) => p.name === 'broker',
);
await provisionDatabases(postgres.url, broker, (line) => process.stdout.write(`▸ ${line}\n`));
const supervisor = new Supervisor(broker);
const stop = async () => {
  await supervisor.stopAll();
  await postgres.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
await supervisor.start('broker');
process.stdout.write(`▸ broker ready: ingress ${broker[0].url}\n`);
