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
import { CpuMeter } from './cpu-time.js';
import { prepareRides, registerDrivers } from './fleet.js';
import { COMPLETION_TRIGGERS, meshConfigWithout } from './mesh-configs.js';
import { completeOverMesh } from './mesh-rider.js';
import { runOutage, type OutagePlan, type OutageResult } from './outage.js';
import { benchPostgres, postgresFacts } from './postgres-server.js';
import { systemRss } from './process-memory.js';
import { renderResults, SECTION_TITLE, type Results } from './render-results.js';
import { machineFacts, writeIntoBenchmarksDoc } from './report.js';
import { interleavedRuns, type SustainedResult, type Way } from './interleaved-runs.js';
import { closedLoop, riderLatencies, settleTimes, type Ride } from './ride-load.js';
import { rateRun } from './rate-run.js';
import { StatementCounter } from './statement-figures.js';
import { p50p99 } from './stats.js';
import { SettlementWatch } from './settlement-watch.js';
import { benchSettings } from './settings.js';
import { perSecond } from './stats.js';
import { completeSynchronously } from './sync-chain.js';

const settings = benchSettings();
const log = (line: string) => process.stderr.write(`▸ ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
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

function logFailures(result: OutageResult) {
  for (const [step, { count, example }] of result.failedAt) log(`  ${count} failed at ${step}, e.g. ${example}`);
}

async function main(): Promise<Results | undefined> {
  const machine = machineFacts();
  log(`settings: ${JSON.stringify(settings)}`);
  const postgres = await benchPostgres();
  const tempDirs: string[] = [];
  try {
    const pgFacts = await postgresFacts(postgres.url);
    log(`PostgreSQL ${pgFacts.version}${postgres.embedded ? ' (embedded, throwaway)' : ' (DATABASE_URL)'}; load average ${machine.loadAtStart.map((l) => l.toFixed(2)).join(' ')}`);

    log('the broker on its own: services/broker/dist/bench/broker-bench.js');
    const broker = settings.parts.has('broker') ? await runBrokerBench(postgres.url, settings.brokerPhaseMs, log) : (undefined as never);

    log('the whole system: migrating and starting every process');
    const system = await startBenchSystem(postgres.url);
    const meshConfig = system.supervisor.spec('broker').env.MESH_CONFIG;
    try {
      await sleep(3000);
      const idleRss = await systemRss(system.supervisor);
      log(`  ready in ${(system.coldStart.readyMs / 1000).toFixed(1)} s; registering ${settings.drivers} drivers`);
      const pool = new RidePool(system, await registerDrivers(system.ports, settings.drivers));
      const cpu = await CpuMeter.create(system.supervisor, postgres.dataDir);

      if (!settings.parts.has('rides')) {
        const profDir = join(workspaceRoot(), '.data', 'bench', 'profiles');
        await mkdir(profDir, { recursive: true });
        for (const name of (process.env.BENCH_PROBE_PROFILE ?? '').split(',').filter(Boolean)) {
          const spec = system.supervisor.spec(name);
          await system.supervisor.stop(name);
          spec.args.unshift('--cpu-prof', '--cpu-prof-dir', profDir, '--cpu-prof-name', `${name}.cpuprofile`);
          await system.supervisor.start(name);
        }
        const watch = await SettlementWatch.follow(system.ports);
        await closedLoop({ riders: 8, durationMs: 5000, rides: await pool.take(200), complete: completeOverMesh(system.ports, watch) });
        await waitForQuiet(system.ports);
        const rides = await pool.take(Math.ceil(settings.ratePerS * settings.rateSeconds));
        const statements = await StatementCounter.create(postgres.url);
        await statements?.reset();
        const run = await rateRun({ system, cpu, rides, ratePerS: settings.ratePerS, seconds: settings.rateSeconds, complete: completeOverMesh(system.ports, watch) });
        watch.close();
        for (const f of (await statements?.read(system.databasePrefix)) ?? []) {
          const n = run.cpu.rides;
          log(`  ${f.database.padEnd(20)} ${(f.calls / n).toFixed(1)} statements/ride, ${(f.execMs / n).toFixed(2)} ms exec/ride, ${(f.commits / n).toFixed(1)} commits/ride`);
          for (const [q, calls] of f.top) log(`      ${(calls / n).toFixed(2).padStart(6)}  ${q}`);
        }
        await system.stop();
        const per = (sec: number) => ((sec * 1000) / run.cpu.rides).toFixed(2);
        for (const [name, sec] of run.cpu.used) log(`  ${name.padEnd(32)} ${per(sec)} ms/ride`);
        const systemSec = [...run.cpu.used].filter(([n]) => !n.startsWith('bench')).reduce((a, [, v]) => a + v, 0);
        log(`  whole system ${per(systemSec)} ms/ride; ${run.cpu.rides}/${run.records.length} settled; 202 ${p50p99(riderLatencies(run.records))}; settle ${p50p99(settleTimes(run.records))}`);
        return undefined;
      }
      const syncConfig = await meshConfigWithout(COMPLETION_TRIGGERS);
      tempDirs.push(syncConfig);
      let watch: SettlementWatch | undefined;
      const overChain = (ride: Ride) => completeSynchronously(system.ports, ride);
      const mesh: Way = {
        name: 'event mesh',
        enter: async () => {
          watch?.close();
          await restartBroker(system, { meshConfig, nodeArgs: [] });
          watch = await SettlementWatch.follow(system.ports);
          return completeOverMesh(system.ports, watch);
        },
      };
      // The counter-example: the broker keeps every Trigger but those of a completion, so only the chain settles it.
      const chain: Way = {
        name: 'synchronous chain',
        enter: async () => {
          watch?.close();
          await restartBroker(system, { meshConfig: syncConfig, nodeArgs: [] });
          return overChain;
        },
      };
      log(`rides: the mesh and the synchronous chain in turn, ${settings.riders} riders, ${settings.rideSeconds} s each`);
      const runs = await interleavedRuns({ system, rides: pool, cpu, ways: [mesh, chain], riders: settings.riders, seconds: settings.rideSeconds, slices: settings.slices, log });
      const [meshRun, syncRun] = [runs.get(mesh.name) as SustainedResult, runs.get(chain.name) as SustainedResult];
      const meshRate = perSecond(meshRun.run.settledInWindow, meshRun.run.durationMs);
      const syncRate = perSecond(syncRun.run.settledInWindow, syncRun.run.durationMs);

      log(`a CPU profile of the broker under ride load (${settings.profileSeconds} s)`);
      const profileRides = await pool.take(Math.ceil(meshRate * settings.profileSeconds * 2) + 4 * settings.riders);
      const profileDir = await mkdtemp(join(tmpdir(), 'cabs-bench-profile-'));
      tempDirs.push(profileDir);
      await restartBroker(system, { meshConfig, nodeArgs: ['--cpu-prof', '--cpu-prof-dir', profileDir] });
      watch = await SettlementWatch.follow(system.ports);
      await closedLoop({ riders: settings.riders, durationMs: settings.profileSeconds * 1000, rides: profileRides, complete: completeOverMesh(system.ports, watch) });
      await waitForQuiet(system.ports);
      await chain.enter(); // SIGTERM: the profile is written as the broker exits
      const [profileFile] = (await readdir(profileDir)).filter((f) => f.endsWith('.cpuprofile'));
      const profile = profileFile ? await summariseCpuProfile(join(profileDir, profileFile)) : undefined;
      if (profileFile) await mkdir(join(PROFILE_COPY, '..'), { recursive: true }).then(() => copyFile(join(profileDir, profileFile), PROFILE_COPY));

      // Half what the slower way sustains, so the comparison shows the outage, not an overload.
      const ratePerS = settings.compareRatePerS ?? Math.max(0.5, Math.round(Math.min(meshRate, syncRate)) / 2);
      const plan: OutagePlan = { ratePerS, beforeMs: (settings.outageSeconds * 1000) / 2, downMs: settings.outageSeconds * 1000, afterMs: settings.outageSeconds * 1500 };
      const perRun = Math.ceil((ratePerS * (plan.beforeMs + plan.downMs + plan.afterMs)) / 1000);
      log(`invoicing down for ${settings.outageSeconds} s under ${ratePerS} rides/s: the chain, then the mesh, on the same prepared rides`);
      const [syncRides, meshRides] = [await pool.take(perRun), await pool.take(perRun)];
      const syncOutage = await runOutage({ ports: system.ports, supervisor: system.supervisor, rides: syncRides, plan, complete: overChain, waitForSettlement: false });
      logFailures(syncOutage);

      const meshOutage = await runOutage({ ports: system.ports, supervisor: system.supervisor, rides: meshRides, plan, complete: await mesh.enter(), waitForSettlement: true });
      logFailures(meshOutage);
      const meshWatch = watch as SettlementWatch;
      meshWatch.close();

      return {
        settings,
        machine: { ...machine, loadAtEnd: loadavg() },
        postgres: { ...pgFacts, embedded: postgres.embedded },
        broker,
        coldStart: system.coldStart,
        rss: { idle: idleRss, meshLoad: meshRun.rss, syncLoad: syncRun.rss },
        mesh: meshRun.run,
        sync: syncRun.run,
        meshOutage: { ...meshOutage, deadLettered: meshWatch.deadLettered, retriesScheduled: meshWatch.retriesScheduled },
        syncOutage,
        plan,
        profile,
        meshCpu: meshRun.cpu,
        syncCpu: syncRun.cpu,
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
if (!results) process.exit(0);
const markdown = renderResults(results);
process.stdout.write(`${SECTION_TITLE}\n\n${markdown}\n`);
if (settings.writeDocs) {
  await writeIntoBenchmarksDoc(join(workspaceRoot(), 'docs', 'benchmarks.md'), SECTION_TITLE, markdown);
  log('written into docs/benchmarks.md');
}
