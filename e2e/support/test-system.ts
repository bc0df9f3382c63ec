import { mkdtempSync, readFileSync, writeFileSync, readdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { freePortOffset, localUrls, Supervisor, systemPorts, systemProcesses, type SystemPorts } from '@cabs/devstack';
import { createServiceDatabase } from '@cabs/testing';
import { workspaceRoot } from '@cabs/postgres';

export interface TestSystem {
  ports: SystemPorts;
  /** Where @cabs/client's calls reach this system. */
  urls: ReturnType<typeof localUrls>;
  supervisor: Supervisor;
  /** Every line the processes printed, prefixed with their names: printed when a test fails. */
  logs: string[];
  stop(): Promise<void>;
}

export interface TestSystemOptions {
  meshConfig?: string;
  env?: Record<string, string>;
  /** More Trigger subscribers the broker reaches by name, e.g. `{ legacy: <a test's own server> }`. */
  subscribers?: Record<string, string>;
}

/**
 * The whole system as real OS processes started from their build output — exactly what `npm start` runs — on
 * fresh databases of the test run's PostgreSQL, on ports of their own so a developer's `npm start` can keep running.
 */
export async function startTestSystem(options: TestSystemOptions = {}): Promise<TestSystem> {
  const pg = inject('pg');
  const ports = systemPorts(await freePortOffset());
  const processes = systemProcesses({
    serverUrl: pg.serverUrl,
    ports,
    meshConfig: options.meshConfig,
    logFormat: 'json',
    env: { LOG_LEVEL: 'info', ...options.env },
  });
  const broker = processes.find((p) => p.name === 'broker');
  for (const [name, url] of Object.entries(options.subscribers ?? {})) {
    if (broker) broker.env.MESH_SUBSCRIBER_URLS += `,${name}=${url}`;
  }
  await Promise.all(
    processes
      .filter((p) => p.database)
      .map(async (p) => (p.env.DATABASE_URL = await createServiceDatabase(pg, p.name))),
  );
  const logs: string[] = [];
  const supervisor = new Supervisor(processes, (line) => {
    logs.push(line);
    if (process.env.E2E_LOGS) process.stdout.write(`${line}\n`);
  });
  const system = { ports, urls: localUrls(ports), supervisor, logs, stop: () => supervisor.stopAll() };
  try {
    await supervisor.startAll();
  } catch (err) {
    await system.stop();
    throw new Error(`${(err as Error).message}\n--- process output ---\n${logs.slice(-80).join('\n')}`);
  }
  return system;
}

/** A copy of mesh-config/ with the Broker's delivery spec changed, e.g. a short retry budget for a test. */
export function meshConfigWith(delivery: Record<string, unknown>): string {
  const source = join(workspaceRoot(), 'mesh-config');
  const dir = mkdtempSync(join(tmpdir(), 'cabs-mesh-config-'));
  for (const file of readdirSync(source).filter((f) => /\.ya?ml$/.test(f))) {
    const docs = parseAllDocuments(readFileSync(join(source, file), 'utf8')).map((d) => d.toJS());
    if (!docs.some((d) => d?.kind === 'Broker')) {
      copyFileSync(join(source, file), join(dir, file));
      continue;
    }
    const changed = docs.map((d) =>
      d?.kind === 'Broker' ? { ...d, spec: { ...d.spec, delivery: { ...d.spec?.delivery, ...delivery } } } : d,
    );
    writeFileSync(join(dir, file), changed.map((d) => stringify(d)).join('---\n'));
  }
  return dir;
}
