import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrokerAdminClient } from '@cabs/client';
import { freePortOffset, provisionDatabases, Supervisor, systemPorts, systemProcesses } from '@cabs/devstack';
import { FaultInjector, type Fault } from './fault-injector.js';
import { checkInvariants, settlementProgress, type Databases, type Invariant } from './invariants.js';
import { seededRandom, until } from './pause.js';
import { RestartablePostgres } from './restartable-postgres.js';
import { registerSoakDrivers, runRideLoad, type RideOutcome } from './ride-load.js';
import { Rider, RiderLedger } from './rider.js';

export interface SoakOptions {
  rides: number;
  /** Rides started per second. */
  rate: number;
  seed: number;
  /** Pause between faults, milliseconds: uniform in [min, max]. */
  faultIntervalMs: [number, number];
  /** Longest a killed process stays down before it is started again. */
  maxDownMs: number;
  /** Restart PostgreSQL once, after this fraction of the expected load time (omit: never). */
  postgresRestartAt?: number;
  /** Kill every process exactly this many times, even if the load ends first (omit: faults until the load ends). */
  faultRounds?: number;
  drivers: number;
  /** How long the mesh may take to settle everything after the last ride was accepted. */
  drainTimeoutMs: number;
}

export const DEFAULT_SOAK: SoakOptions = {
  rides: 2000,
  rate: 4,
  seed: 1123,
  faultIntervalMs: [8_000, 25_000],
  maxDownMs: 4_000,
  postgresRestartAt: 0.5,
  drivers: 40,
  drainTimeoutMs: 600_000,
};

export interface SoakResult {
  options: SoakOptions;
  invariants: Invariant[];
  ok: boolean;
  faults: Fault[];
  ledger: RiderLedger;
  outcomes: RideOutcome[];
  loadSeconds: number;
  drainSeconds: number;
  logFile: string;
}

/**
 * The chaos soak: its own PostgreSQL and the broker and five services as real processes (MESH_TOKEN on, the real
 * mesh-config), N rides completed at a steady rate while a fault injector SIGKILLs and restarts every process in
 * turn and restarts PostgreSQL once; then it waits for the mesh to drain and checks what must hold.
 */
export async function runSoak(options: SoakOptions, log: (line: string) => void): Promise<SoakResult> {
  const logFile = join(tmpdir(), `cabs-soak-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
  const processLog = createWriteStream(logFile);
  log(`process output: ${logFile}`);
  const postgres = await RestartablePostgres.start();
  let supervisor: Supervisor | undefined;
  try {
    const token = randomBytes(24).toString('hex');
    const ports = systemPorts(await freePortOffset());
    const processes = systemProcesses({
      serverUrl: postgres.url,
      ports,
      logFormat: 'json',
      databasePrefix: 'soak_',
      env: { LOG_LEVEL: 'warn', MESH_TOKEN: token },
    }).filter((p) => p.name !== 'console');
    await provisionDatabases(postgres.url, processes, log);
    supervisor = new Supervisor(processes, (line) => processLog.write(`${line}\n`));
    await supervisor.startAll();
    const local = (port: number) => `http://127.0.0.1:${port}`;
    const drivers = await registerSoakDrivers(local(ports.drivers), options.drivers);
    log(
      `system up on ports ${ports.broker} (broker) and ${ports.transit}–${ports.notifications}; ${drivers.length} drivers; PostgreSQL on ${postgres.port}`,
    );

    const ledger = new RiderLedger();
    const rider = new Rider(
      { transit: local(ports.transit), ingress: `${local(ports.broker)}/cabs/default`, token },
      ledger,
      { retry5xx: true, patienceMs: 180_000 },
    );
    const loadMs = (options.rides / options.rate) * 1000;
    const injector = new FaultInjector(
      supervisor,
      postgres,
      {
        targets: ['invoicing', 'fees', 'notifications', 'drivers', 'transit', 'broker'],
        intervalMs: options.faultIntervalMs,
        maxDownMs: options.maxDownMs,
        postgresRestartAfterMs:
          options.postgresRestartAt === undefined ? undefined : options.postgresRestartAt * loadMs,
        rounds: options.faultRounds,
        random: seededRandom(options.seed),
      },
      log,
    );

    const loadStarted = Date.now();
    injector.start();
    let reported = 0;
    const outcomes = await runRideLoad(
      rider,
      { rides: options.rides, rate: options.rate, maxInFlight: 64, drivers },
      (done) => {
        if (done - reported >= Math.max(50, options.rides / 10))
          log(`${(reported = done)} of ${options.rides} rides accepted by the mesh`);
      },
    );
    await injector.stop();
    const loadSeconds = (Date.now() - loadStarted) / 1000;
    const accepted = outcomes.filter((o) => o.accepted && o.id).map((o) => o.id as string);
    log(
      `load done in ${loadSeconds.toFixed(0)} s: ${accepted.length} of ${options.rides} rides accepted; ${injector.faults.length} faults; waiting for the mesh to drain`,
    );

    const databases = Object.fromEntries(processes.map((p) => [p.name, p.env.DATABASE_URL])) as Databases;
    const drainStarted = Date.now();
    await until(
      'the mesh to drain and every ride to settle',
      async () => {
        const p = await settlementProgress(databases, accepted);
        const adminDrain = await new BrokerAdminClient(local(ports.brokerAdmin), { token }).drain();
        return (
          p.settled === accepted.length &&
          p.notified === accepted.length &&
          p.freed === accepted.length &&
          p.unsent === 0 &&
          p.backlog === 0 &&
          adminDrain.drained
        );
      },
      options.drainTimeoutMs,
      1000,
    ).catch((err: Error) => log(`${err.message}; checking what holds anyway`));
    const drainSeconds = (Date.now() - drainStarted) / 1000;

    const invariants = await checkInvariants(databases, accepted, options.rides);
    invariants.push({
      name: 'processes that exited by themselves',
      expected: 0,
      actual: injector.crashes().length,
      ok: injector.crashes().length === 0,
    });
    const failures = outcomes.filter((o) => o.error);
    if (failures.length)
      invariants.push({
        name: 'rides that failed',
        expected: 0,
        actual: failures.length,
        ok: false,
        note: failures
          .slice(0, 3)
          .map((f) => f.error)
          .join('; '),
      });
    return {
      options,
      invariants,
      ok: invariants.every((i) => i.ok),
      faults: injector.faults,
      ledger,
      outcomes,
      loadSeconds,
      drainSeconds,
      logFile,
    };
  } finally {
    await supervisor?.stopAll();
    await postgres.destroy();
    processLog.end();
  }
}
