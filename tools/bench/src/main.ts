/**
 * `npm run bench`: the whole system's figures on this machine, in one run — the broker's own benchmark, each service
 * started alone, rides through the event mesh against the same rides through a synchronous chain of calls (the
 * counter-example), an open-loop rate and the highest rate sustained, per-process CPU profiles, and an invoicing
 * outage under both ways. Prints the tables (the goals first) and writes them into docs/benchmarks.md.
 * BENCH_PARTS runs a subset (then nothing is written).
 */
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMAIN_SERVICES } from '@cabs/devstack';
import { workspaceRoot } from '@cabs/postgres';
import { restartBroker, restartWith, startBenchSystem, waitForQuiet, type BenchSystem } from './bench-system.js';
import { runBrokerBench } from './broker-figures.js';
import { summariseCpuProfile, type ProfileSummary } from './cpu-profile.js';
import { CpuMeter } from './cpu-time.js';
import { prepareRides, registerDrivers } from './fleet.js';
import { interleavedRuns, type SustainedResult, type Way } from './interleaved-runs.js';
import { findMaxRate } from './max-rate.js';
import { COMPLETION_TRIGGERS, meshConfigWithout } from './mesh-configs.js';
import { completeOverMesh } from './mesh-rider.js';
import { runOutage, type OutagePlan, type OutageResult } from './outage.js';
import { benchPostgres, postgresFacts } from './postgres-server.js';
import { systemRss } from './process-memory.js';
import { rateRun, type RateResult } from './rate-run.js';
import { measureRoundTrips } from './round-trip-costs.js';
import { renderResults, SECTION_TITLE, type Results } from './render-results.js';
import { formatMarkdown, machineFacts, writeIntoBenchmarksDoc } from './report.js';
import { closedLoop, type Completion, type Ride } from './ride-load.js';
import { startEachAlone } from './service-starts.js';
import { SettlementWatch } from './settlement-watch.js';
import { BENCH_PARTS, benchSettings } from './settings.js';
import { StatementCounter } from './statement-figures.js';
import { perSecond } from './stats.js';
import { completeSynchronously } from './sync-chain.js';

const settings = benchSettings();
const log = (line: string) => process.stderr.write(`▸ ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Where the CPU profiles are kept, to open in Chrome DevTools or speedscope. */
const PROFILE_COPIES = join(workspaceRoot(), '.data', 'bench');
/** Offered rates for the highest sustained one, each for `MAX_RATE_SECONDS`. */
const MAX_RATE_STEPS = [20, 40, 60, 80, 100, 120, 150];
const MAX_RATE_SECONDS = 20;
const SETTLE_LIMIT_MS = 1000;

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

async function main(): Promise<Results> {
  const machine = machineFacts();
  const parts = settings.parts;
  log(`settings: ${JSON.stringify({ ...settings, parts: [...parts] })}`);
  const postgres = await benchPostgres(settings.databaseUrl);
  const tempDirs: string[] = [];
  try {
    const pgFacts = await postgresFacts(postgres.url);
    const results: Results = { settings, machine, postgres: { ...pgFacts, embedded: postgres.embedded } };
    log(
      `PostgreSQL ${pgFacts.version}${postgres.embedded ? ' (embedded, throwaway)' : ' (DATABASE_URL)'}; load average ${machine.loadAtStart.map((l) => l.toFixed(2)).join(' ')}`,
    );

    if (parts.has('round-trips')) {
      log('what a round trip to PostgreSQL and a commit cost, one at a time');
      results.roundTrips = await measureRoundTrips(postgres.url, postgres.dataDir);
    }

    if (parts.has('broker')) {
      log('the broker on its own: tools/bench/dist/broker/broker-bench.js');
      results.broker = await runBrokerBench(postgres.url, settings.brokerPhaseMs, log);
    }

    log('the whole system: migrating and starting every process');
    const system = await startBenchSystem(postgres.url);
    const meshConfig = system.supervisor.spec('broker').env.MESH_CONFIG;
    try {
      results.coldStart = system.coldStart;
      await sleep(3000);
      results.idleRss = await systemRss(system.supervisor);
      log(`  ready in ${(system.coldStart.readyMs / 1000).toFixed(1)} s`);
      if (parts.has('start')) {
        log('each service started alone while the rest runs');
        results.serviceStarts = await startEachAlone(system, DOMAIN_SERVICES);
      }

      log(`registering ${settings.drivers} drivers`);
      const pool = new RidePool(system, await registerDrivers(system.ports, settings.drivers));
      const cpu = await CpuMeter.create(system.supervisor, postgres.dataDir);
      const statements = await StatementCounter.create(postgres.url);
      let watch = await SettlementWatch.follow(system.ports);
      const overMesh = (): ((ride: Ride) => Promise<Completion>) => completeOverMesh(system.ports, watch);
      const openLoopRun = async (ratePerS: number, seconds: number): Promise<RateResult> => {
        const rides = await pool.take(Math.ceil(ratePerS * seconds));
        await statements?.reset();
        log(`  ${ratePerS} rides/s for ${seconds} s`);
        const [scheduled, deadLettered] = [watch.retriesScheduled, watch.deadLettered];
        const run = await rateRun({ system, cpu, rides, ratePerS, seconds, complete: overMesh() });
        return {
          ...run,
          statements: await statements?.read(system.databasePrefix),
          retries: {
            scheduled: watch.retriesScheduled - scheduled,
            deadLettered: watch.deadLettered - deadLettered,
          },
        };
      };
      // First rides after a start are slow (JIT, first queries, Prisma's engine): not what any part measures.
      await closedLoop({
        riders: settings.riders,
        durationMs: 10_000,
        rides: await pool.take(settings.riders * 20),
        complete: overMesh(),
      });

      if (parts.has('rides')) {
        const syncConfig = await meshConfigWithout(COMPLETION_TRIGGERS);
        tempDirs.push(syncConfig);
        const mesh: Way = {
          name: 'event mesh',
          enter: async () => {
            watch.close();
            await restartBroker(system, { meshConfig, nodeArgs: [] });
            watch = await SettlementWatch.follow(system.ports);
            return overMesh();
          },
        };
        // The counter-example: the broker keeps every Trigger but those of a completion, so only the chain settles it.
        const chain: Way = {
          name: 'synchronous chain',
          enter: async () => {
            watch.close();
            await restartBroker(system, { meshConfig: syncConfig, nodeArgs: [] });
            return (ride: Ride) => completeSynchronously(system.ports, ride);
          },
        };
        log(
          `rides: the mesh and the synchronous chain in turn, ${settings.riders} riders, ${settings.rideSeconds} s each`,
        );
        const runs = await interleavedRuns({
          system,
          rides: pool,
          cpu,
          ways: [mesh, chain],
          riders: settings.riders,
          seconds: settings.rideSeconds,
          slices: settings.slices,
          log,
        });
        results.mesh = runs.get(mesh.name) as SustainedResult;
        results.sync = runs.get(chain.name) as SustainedResult;
        await mesh.enter();
      }

      if (parts.has('rate')) {
        log(`open loop: ${settings.ratePerS} rides/s for ${settings.rateSeconds} s`);
        results.rate = await openLoopRun(settings.ratePerS, settings.rateSeconds);
      }

      if (parts.has('max-rate')) {
        log(
          `the highest rate with 202 → settled p99 ≤ ${SETTLE_LIMIT_MS} ms: ${MAX_RATE_SECONDS} s at each of ${MAX_RATE_STEPS.join(', ')} rides/s until one fails`,
        );
        results.maxRate = await findMaxRate(MAX_RATE_STEPS, SETTLE_LIMIT_MS, (rate) =>
          openLoopRun(rate, MAX_RATE_SECONDS),
        );
      }

      if (parts.has('profile')) {
        const profileRate = Math.min(settings.ratePerS, results.maxRate?.sustained ?? settings.ratePerS);
        log(
          `CPU profiles of ${settings.profiled.join(', ')} at ${profileRate} rides/s for ${settings.profileSeconds} s`,
        );
        results.profiles = await profileUnderLoad(system, settings.profiled, async () => {
          watch.close();
          watch = await SettlementWatch.follow(system.ports);
          await openLoopRun(profileRate, settings.profileSeconds);
        });
        results.profileRate = profileRate;
      }

      if (parts.has('outage')) {
        const meshRate = results.mesh
          ? perSecond(results.mesh.run.settledInWindow, results.mesh.run.durationMs)
          : Infinity;
        const syncRate = results.sync
          ? perSecond(results.sync.run.settledInWindow, results.sync.run.durationMs)
          : Infinity;
        // Half what the slower way sustains, so the comparison shows the outage, not an overload.
        const ratePerS = settings.compareRatePerS ?? Math.max(0.5, Math.round(Math.min(meshRate, syncRate, 15)) / 2);
        const plan: OutagePlan = {
          ratePerS,
          beforeMs: (settings.outageSeconds * 1000) / 2,
          downMs: settings.outageSeconds * 1000,
          afterMs: settings.outageSeconds * 1500,
        };
        const perRun = Math.ceil((ratePerS * (plan.beforeMs + plan.downMs + plan.afterMs)) / 1000);
        log(
          `invoicing down for ${settings.outageSeconds} s under ${ratePerS} rides/s: the chain, then the mesh, on the same prepared rides`,
        );
        const [syncRides, meshRides] = [await pool.take(perRun), await pool.take(perRun)];
        const syncConfig = await meshConfigWithout(COMPLETION_TRIGGERS);
        tempDirs.push(syncConfig);
        watch.close();
        await restartBroker(system, { meshConfig: syncConfig, nodeArgs: [] });
        const syncOutage = await runOutage({
          ports: system.ports,
          supervisor: system.supervisor,
          rides: syncRides,
          plan,
          complete: (ride) => completeSynchronously(system.ports, ride),
          waitForSettlement: false,
        });
        logFailures(syncOutage);
        await restartBroker(system, { meshConfig, nodeArgs: [] });
        watch = await SettlementWatch.follow(system.ports);
        const meshOutage = await runOutage({
          ports: system.ports,
          supervisor: system.supervisor,
          rides: meshRides,
          plan,
          complete: overMesh(),
          waitForSettlement: true,
        });
        logFailures(meshOutage);
        results.outage = {
          plan,
          sync: syncOutage,
          mesh: { ...meshOutage, deadLettered: watch.deadLettered, retriesScheduled: watch.retriesScheduled },
        };
      }
      watch.close();
      return { ...results, machine: { ...machine, loadAtEnd: loadavg() } };
    } finally {
      await system.stop();
    }
  } finally {
    await postgres.stop();
    for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Restarts `names` under `node --cpu-prof`, runs `load`, and restarts them as they were (the profile is written as a
 * process exits). Each profile is summarised and a copy kept in .data/bench/<name>.cpuprofile.
 */
async function profileUnderLoad(
  system: BenchSystem,
  names: readonly string[],
  load: () => Promise<void>,
): Promise<Map<string, ProfileSummary>> {
  const dir = await mkdtemp(join(tmpdir(), 'cabs-bench-profile-'));
  try {
    for (const name of names)
      await restartWith(system, name, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', `${name}.cpuprofile`]);
    await load();
    await waitForQuiet(system.ports);
    for (const name of names) await restartWith(system, name, []);
    await mkdir(PROFILE_COPIES, { recursive: true });
    const summaries = new Map<string, ProfileSummary>();
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'))) {
      summaries.set(file.replace(/\.cpuprofile$/, ''), await summariseCpuProfile(join(dir, file)));
      await copyFile(join(dir, file), join(PROFILE_COPIES, file));
    }
    return summaries;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const results = await main();
// Aligned tables on the terminal, and a docs/benchmarks.md that passes the workspace's `prettier --check`.
const benchmarksDoc = join(workspaceRoot(), 'docs', 'benchmarks.md');
const markdown = await formatMarkdown(renderResults(results), benchmarksDoc);
process.stdout.write(`${SECTION_TITLE}\n\n${markdown}\n`);
const whole = BENCH_PARTS.every((part) => settings.parts.has(part));
if (settings.writeDocs && whole) {
  await writeIntoBenchmarksDoc(benchmarksDoc, SECTION_TITLE, markdown);
  log('written into docs/benchmarks.md');
} else if (settings.writeDocs) {
  log('not written into docs/benchmarks.md: only a whole run (every part) is recorded there');
}
