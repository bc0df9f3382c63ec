import { randomUUID } from 'node:crypto';
import { dropDatabase, parseDatabaseUrl } from '@cabs/postgres';
import {
  freePortOffset,
  provisionDatabases,
  Supervisor,
  systemPorts,
  systemProcesses,
  type ProcessSpec,
  type SystemPorts,
} from '@cabs/devstack';
import { BrokerAdminClient } from '@cabs/client';

export interface ColdStart {
  /** Creating each database and applying its migrations (the Prisma CLI; `npm start` does it before starting). */
  migrateMs: number;
  /** First process spawned → every readiness check answers 200. */
  readyMs: number;
  /** Spawned → ready, per process. */
  perProcess: Map<string, number>;
}

export interface BenchSystem {
  ports: SystemPorts;
  supervisor: Supervisor;
  coldStart: ColdStart;
  /** What the system's database names start with (`<prefix>cabs_<service>`). */
  databasePrefix: string;
  /** The last lines the processes printed, for the error message when something fails. */
  logs: string[];
  stop(): Promise<void>;
}

const LOG_TAIL = 200;

/**
 * The whole system as `npm start` runs it — the same built processes and environment — on fresh databases
 * of their own and on ports of their own, so a developer's `npm start` can keep running beside it.
 * Logs at `warn` in JSON: the figures are the system's, not pino-pretty's. One setting differs: transit's reconciler
 * waits an hour before it asks again. The synchronous chain bypasses the mesh, so transit never hears the answers to
 * its rides; a minute later the reconciler would ask again for every one of them — thousands of restated commands
 * and facts, handled during the parts that follow and counted against their rides (it doubled the statements per
 * ride of the open loop that came after the chain).
 */
export async function startBenchSystem(serverUrl: string): Promise<BenchSystem> {
  const ports = systemPorts(await freePortOffset());
  const databasePrefix = `bench_${randomUUID().slice(0, 8)}_`;
  const processes = systemProcesses({
    serverUrl,
    ports,
    databasePrefix,
    logFormat: 'json',
    env: { LOG_LEVEL: 'warn', RECONCILE_GRACE: 'PT1H' },
  });

  let started = performance.now();
  await provisionDatabases(serverUrl, processes, () => {});
  const migrateMs = performance.now() - started;

  const logs: string[] = [];
  const supervisor = new Supervisor(processes, (line) => {
    logs.push(line);
    if (logs.length > LOG_TAIL) logs.shift();
  });
  const stop = async () => {
    await supervisor.stopAll();
    for (const p of processes.filter((spec) => spec.database))
      await dropDatabase(serverUrl, parseDatabaseUrl(p.env.DATABASE_URL).database).catch(() => {});
  };

  const perProcess = new Map<string, number>();
  const timedStart = async (name: string) => {
    // A shared machine can be slow to start seven processes at once; the time is measured, not bounded.
    await supervisor.start(name, { readyTimeoutMs: 180_000 });
    perProcess.set(name, performance.now() - started);
  };
  started = performance.now();
  try {
    // The order of `npm start`: the broker first, since the services publish to it from their first second.
    await timedStart('broker');
    await Promise.all(
      supervisor
        .names()
        .filter((n) => n !== 'broker')
        .map(timedStart),
    );
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- process output ---\n${logs.slice(-60).join('\n')}`);
  }
  const readyMs = performance.now() - started;
  return { ports, supervisor, coldStart: { migrateMs, readyMs, perProcess }, databasePrefix, logs, stop };
}

/** Each process's arguments as the system started it, before any restart added Node options. */
const originalArgs = new WeakMap<ProcessSpec, string[]>();

/**
 * Restarts a process (SIGTERM, then start) with Node options in front of its usual arguments, or none. The
 * Supervisor reads a process's spec at each start, so changing the spec it hands out is how a restart gets them.
 */
export async function restartWith(
  system: BenchSystem,
  name: string,
  nodeArgs: string[],
  env: Record<string, string> = {},
): Promise<void> {
  const spec: ProcessSpec = system.supervisor.spec(name);
  if (!originalArgs.has(spec)) originalArgs.set(spec, [...spec.args]);
  await system.supervisor.stop(name);
  Object.assign(spec.env, env);
  spec.args.splice(0, spec.args.length, ...nodeArgs, ...(originalArgs.get(spec) as string[]));
  await system.supervisor.start(name);
}

/** Restarts the broker with another mesh-config and/or Node options. */
export function restartBroker(
  system: BenchSystem,
  change: { meshConfig?: string; nodeArgs?: string[] },
): Promise<void> {
  return restartWith(
    system,
    'broker',
    change.nodeArgs ?? [],
    change.meshConfig ? { MESH_CONFIG: change.meshConfig } : {},
  );
}

/** Waits until the broker has nothing pending or retrying (twice in a row: a service's outbox may still publish). */
export async function waitForQuiet(ports: SystemPorts, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietOnce = false;
  const broker = new BrokerAdminClient(`http://127.0.0.1:${ports.brokerAdmin}`);
  while (Date.now() < deadline) {
    const { drained } = await broker.drain();
    if (drained && quietOnce) return;
    quietOnce = drained;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the mesh still had deliveries pending after ${timeoutMs / 1000} s`);
}
