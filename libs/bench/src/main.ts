/**
 * `npm run bench`: the whole system's figures on this machine, in one run — the broker's own benchmark, rides
 * through the event mesh, the same rides through a synchronous chain of calls (the counter-example), an
 * invoicing outage under both, memory and cold start, and a CPU profile of the broker under ride load.
 * Prints the tables and writes them into docs/benchmarks.md (next to the broker's section, which it keeps).
 */
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceRoot } from '@cabs/postgres';
import { restartBroker, startBenchSystem, waitForQuiet, type BenchSystem } from './bench-system.js';
import { runBrokerBench } from './broker-figures.js';
import { summariseCpuProfile } from './cpu-profile.js';
import { CpuMeter, cpuUsedBetween } from './cpu-time.js';
import { prepareRides, registerDrivers } from './fleet.js';
import { COMPLETION_TRIGGERS, meshConfigWithout } from './mesh-configs.js';
import { completeOverMesh } from './mesh-rider.js';
import { runOutage, type OutagePlan, type OutageResult } from './outage.js';
import { benchPostgres, postgresFacts } from './postgres-server.js';
import { PeakRss, systemRss } from './process-memory.js';
import { renderResults, type Results } from './render-results.js';
import { machineFacts, writeIntoBenchmarksDoc } from './report.js';
import { closedLoop, type Completion, type Ride } from './ride-load.js';
import { SettlementWatch } from './settlement-watch.js';
import { benchSettings } from './settings.js';
import { perSecond } from './stats.js';
import { completeSynchronously } from './sync-chain.js';

const settings = benchSettings();
const log = (line: string) => process.stderr.write(`▸ ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const WARM_UP_MS = 10_000;
/** Where the broker's CPU profile is kept, to open in Chrome DevTools or speedscope. */
const PROFILE_COPY = join(workspaceRoot(), '.data', 'bench', 'broker.cpuprofile');

class RidePool {
  private next = 0;
  constructor(
    private readonly system: BenchSystem,
    private readonly drivers: string[],
  ) {}

  /** Prepared rides, then a quiet mesh (their driver-assigned facts delivered) so the next measurement starts clean. */
  async take(count: number): Promise<Ride[]> {
    const started = performance.now();
    const rides = await prepareRides(this.system.ports, this.drivers, count, this.next);
    this.next += count;
    await waitForQuiet(this.system.ports);
    log(`  prepared ${count} rides in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return rides;
  }
}

/**
 * A short closed-loop run first (it also warms up the processes), then enough rides prepared that the measured
 * run does not run out of them: the rate it showed, for the whole window, with a margin.
 */
async function sustained(system: BenchSystem, pool: RidePool, cpu: CpuMeter, complete: (ride: Ride) => Promise<Completion>) {
  const warm = await closedLoop({ riders: settings.riders, durationMs: WARM_UP_MS, rides: await pool.take(settings.riders * 10), complete });
  // The first rides after a start are slow (JIT, first queries): the rate comes from the second half.
  const lateHalf = warm.records.filter((r) => (r.settledAt ?? Infinity) - warm.startedAt > WARM_UP_MS / 2 && (r.settledAt ?? Infinity) - warm.startedAt <= WARM_UP_MS).length;
  const estimate = perSecond(lateHalf, WARM_UP_MS / 2);
  log(`  warm-up: ${warm.settledInWindow} rides in ${WARM_UP_MS / 1000} s, ${estimate.toFixed(1)}/s at its end`);
  const rides = await pool.take(Math.max(settings.riders * 8, Math.ceil(estimate * settings.rideSeconds * 1.5) + 4 * settings.riders));
  const peak = new PeakRss(system.supervisor);
  const before = await cpu.read();
  const run = await closedLoop({ riders: settings.riders, durationMs: settings.rideSeconds * 1000, rides, complete });
  const used = cpuUsedBetween(before, await cpu.read());
  const rss = await peak.stop();
  if (run.ranOut) log(`  ran out of prepared rides after ${(run.durationMs / 1000).toFixed(1)} s`);
  await waitForQuiet(system.ports);
  return { run, rss, cpu: { used, rides: run.records.filter((r) => r.settledAt !== undefined).length } };
}

function logFailures(result: OutageResult) {
  for (const [step, { count, example }] of result.failedAt) log(`  ${count} failed at ${step}, e.g. ${example}`);
}

async function main(): Promise<Results> {
  const machine = machineFacts();
  log(`settings: ${JSON.stringify(settings)}`);
  const postgres = await benchPostgres();
  const tempDirs: string[] = [];
  try {
    const pgFacts = await postgresFacts(postgres.url);
    log(`PostgreSQL ${pgFacts.version}${postgres.embedded ? ' (embedded, throwaway)' : ' (DATABASE_URL)'}; load average ${machine.loadAtStart.map((l) => l.toFixed(2)).join(' ')}`);

    log('the broker on its own: services/broker/dist/bench/broker-bench.js');
    const broker = await runBrokerBench(postgres.url, settings.brokerPhaseMs, log);

    log('the whole system: migrating and starting every process');
    const system = await startBenchSystem(postgres.url);
    const meshConfig = system.supervisor.spec('broker').env.MESH_CONFIG;
    try {
      await sleep(3000);
      const idleRss = await systemRss(system.supervisor);
      log(`  ready in ${(system.coldStart.readyMs / 1000).toFixed(1)} s; registering ${settings.drivers} drivers`);
      const pool = new RidePool(system, await registerDrivers(system.ports, settings.drivers));
      const cpu = await CpuMeter.create(system.supervisor, postgres.dataDir);

      let watch = await SettlementWatch.follow(system.ports);
      log(`rides through the mesh: ${settings.riders} riders for ${settings.rideSeconds} s`);
      const mesh = await sustained(system, pool, cpu, completeOverMesh(system.ports, watch));
      const meshRate = perSecond(mesh.run.settledInWindow, mesh.run.durationMs);

      log(`a CPU profile of the broker under ride load (${settings.profileSeconds} s)`);
      const profileRides = await pool.take(Math.ceil(meshRate * settings.profileSeconds * 1.5) + 4 * settings.riders);
      const profileDir = await mkdtemp(join(tmpdir(), 'cabs-bench-profile-'));
      tempDirs.push(profileDir);
      watch.close();
      await restartBroker(system, { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', profileDir] });
      watch = await SettlementWatch.follow(system.ports);
      await closedLoop({ riders: settings.riders, durationMs: settings.profileSeconds * 1000, rides: profileRides, complete: completeOverMesh(system.ports, watch) });
      await waitForQuiet(system.ports);
      watch.close();

      log('the counter-example: the same completion as a synchronous chain of calls; the broker without the Triggers of a completion');
      const syncConfig = await meshConfigWithout(COMPLETION_TRIGGERS);
      tempDirs.push(syncConfig);
      await restartBroker(system, { meshConfig: syncConfig, nodeArgs: [] }); // SIGTERM: the profile is written on exit
      const [profileFile] = (await readdir(profileDir)).filter((f) => f.endsWith('.cpuprofile'));
      const profile = profileFile ? await summariseCpuProfile(join(profileDir, profileFile)) : undefined;
      if (profileFile) await mkdir(join(PROFILE_COPY, '..'), { recursive: true }).then(() => copyFile(join(profileDir, profileFile), PROFILE_COPY));

      const overChain = (ride: Ride) => completeSynchronously(system.ports, ride);
      const sync = await sustained(system, pool, cpu, overChain);
      const syncRate = perSecond(sync.run.settledInWindow, sync.run.durationMs);

      // Half what the slower way sustains, so the comparison shows the outage, not an overload.
      const ratePerS = settings.compareRatePerS ?? Math.max(0.5, Math.round(Math.min(meshRate, syncRate)) / 2);
      const plan: OutagePlan = { ratePerS, beforeMs: (settings.outageSeconds * 1000) / 2, downMs: settings.outageSeconds * 1000, afterMs: settings.outageSeconds * 1500 };
      const perRun = Math.ceil((ratePerS * (plan.beforeMs + plan.downMs + plan.afterMs)) / 1000);
      log(`invoicing down for ${settings.outageSeconds} s under ${ratePerS} rides/s: the chain, then the mesh, on the same prepared rides`);
      const [syncRides, meshRides] = [await pool.take(perRun), await pool.take(perRun)];
      const syncOutage = await runOutage({ ports: system.ports, supervisor: system.supervisor, rides: syncRides, plan, complete: overChain, waitForSettlement: false });
      logFailures(syncOutage);

      await restartBroker(system, { meshConfig, nodeArgs: [] });
      watch = await SettlementWatch.follow(system.ports);
      const meshOutage = await runOutage({ ports: system.ports, supervisor: system.supervisor, rides: meshRides, plan, complete: completeOverMesh(system.ports, watch), waitForSettlement: true });
      logFailures(meshOutage);
      watch.close();

      return {
        settings,
        machine: { ...machine, loadAtEnd: loadavg() },
        postgres: { ...pgFacts, embedded: postgres.embedded },
        broker,
        coldStart: system.coldStart,
        rss: { idle: idleRss, meshLoad: mesh.rss, syncLoad: sync.rss },
        mesh: mesh.run,
        sync: sync.run,
        meshOutage: { ...meshOutage, deadLettered: watch.deadLettered, retriesScheduled: watch.retriesScheduled },
        syncOutage,
        plan,
        profile,
        meshCpu: mesh.cpu,
        syncCpu: sync.cpu,
      };
    } finally {
      await system.stop();
    }
  } finally {
    await postgres.stop();
    for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
  }
}

const results = await main();
const markdown = renderResults(results);
process.stdout.write(`${markdown}\n`);
if (settings.writeDocs) {
  await writeIntoBenchmarksDoc(join(workspaceRoot(), 'docs', 'benchmarks.md'), markdown);
  log('written into docs/benchmarks.md');
}
