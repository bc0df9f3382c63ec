import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import type { ColdStart } from './bench-system.js';
import type { BrokerFigures } from './broker-figures.js';
import type { ProfileSummary } from './cpu-profile.js';
import type { CpuSeconds } from './cpu-time.js';
import type { SustainedResult } from './interleaved-runs.js';
import type { MaxRateResult } from './max-rate.js';
import type { OutagePlan, OutageResult } from './outage.js';
import type { PostgresFacts } from './postgres-server.js';
import { allSettled, settleP99, type RateResult } from './rate-run.js';
import { fmtLoad, type MachineFacts, type Row } from './report.js';
import { riderLatencies, settleTimes, type RideRecord } from './ride-load.js';
import type { ServiceStart } from './service-starts.js';
import type { RoundTripCost } from './round-trip-costs.js';
import type { StatementFigures } from './statement-figures.js';
import type { BenchSettings } from './settings.js';
import { fmtInt, fmtMs, fmtRate, p50p99, percentile, perSecond } from './stats.js';

/** Whatever parts of the run took place (BENCH_PARTS); each section renders only when its part ran. */
export interface Results {
  settings: BenchSettings;
  machine: MachineFacts;
  postgres: PostgresFacts & { embedded: boolean };
  roundTrips?: RoundTripCost[];
  broker?: BrokerFigures;
  coldStart?: ColdStart;
  idleRss?: Map<string, number>;
  serviceStarts?: ServiceStart[];
  mesh?: SustainedResult;
  sync?: SustainedResult;
  rate?: RateResult;
  maxRate?: MaxRateResult;
  profiles?: Map<string, ProfileSummary>;
  profileRate?: number;
  outage?: {
    plan: OutagePlan;
    sync: OutageResult;
    mesh: OutageResult & { deadLettered: number; retriesScheduled: number };
  };
}

/** CPU seconds each process used during a ride run, the rides settled in it, and how long it took. */
export interface RunCpu {
  used: CpuSeconds;
  rides: number;
  wallMs: number;
}

const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(part / whole < 0.1 ? 1 : 0)} %`;
const s = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : 'not within the wait');
const mib = (v: number | undefined) => (v === undefined ? '–' : `${Math.round(v)} MiB`);
const isBench = (name: string) => name.startsWith('bench');
/** The system's CPU (every process and PostgreSQL, not the load generator) per settled ride, in ms. */
const systemMsPerRide = (c: RunCpu) =>
  ([...c.used].filter(([n]) => !isBench(n)).reduce((sum, [, sec]) => sum + sec, 0) * 1000) / c.rides;
const ratePerS = (r: SustainedResult) => perSecond(r.run.settledInWindow, r.run.durationMs);
const cores = (c: RunCpu) => ((systemMsPerRide(c) * c.rides) / c.wallMs).toFixed(2);
const settledOf = (settled: number, offered: number) => `${fmtInt(settled)} of ${fmtInt(offered)}`;

/** The goals the Goals table holds each run to; the template prints them, the checks below use them. */
const TARGETS = {
  cpuMsPerRide: 25,
  answerP99Ms: 25,
  settleP99Ms: 500,
  ratePerS: 100,
  backlogMs: 10_000,
  serviceReadyMs: 1500,
  idleRssMiB: 120,
  ingressSharePct: 60,
};

function goals(r: Results) {
  const rate = r.rate && {
    ratePerS: r.rate.ratePerS,
    seconds: r.rate.seconds,
    cpu: systemMsPerRide(r.rate.cpu),
    settled: settledOf(r.rate.cpu.rides, r.rate.records.length),
    allSettled: allSettled(r.rate),
    answerP99: percentile(riderLatencies(r.rate.records), 99),
    settleP99: settleP99(r.rate),
  };
  const sustained = r.maxRate?.sustained;
  const mesh = r.outage?.mesh;
  const backlogMs = mesh && mesh.recoveryMs - mesh.invoicingStartMs;
  const starts = r.serviceStarts?.length ? r.serviceStarts : undefined;
  const slowest = starts?.reduce((a, b) => (b.readyMs > a.readyMs ? b : a));
  const heaviest = starts?.reduce((a, b) => ((b.idleRssMiB ?? 0) > (a.idleRssMiB ?? 0) ? b : a));
  return {
    rate: rate && {
      ...rate,
      cpu: fmtMs(rate.cpu),
      cpuMet: rate.cpu <= TARGETS.cpuMsPerRide,
      answerP99: fmtMs(rate.answerP99),
      answerMet: rate.answerP99 <= TARGETS.answerP99Ms,
      settleP99: fmtMs(rate.settleP99),
      settleMet: rate.settleP99 <= TARGETS.settleP99Ms,
    },
    maxRate: r.maxRate && {
      limit: s(r.maxRate.limitMs),
      steps: r.maxRate.tried.map((t) => t.ratePerS).join(', '),
      sustained,
      met: sustained !== undefined && sustained >= TARGETS.ratePerS,
    },
    rides: r.mesh &&
      r.sync && {
        riders: r.settings.riders,
        mesh: fmtRate(ratePerS(r.mesh)),
        chain: fmtRate(ratePerS(r.sync)),
        met: ratePerS(r.mesh) >= ratePerS(r.sync),
      },
    outage: r.outage &&
      mesh && {
        down: s(r.outage.plan.downMs),
        failed: fmtInt(mesh.failed),
        lost: fmtInt(mesh.audit.notInvoiced),
        met: mesh.failed === 0 && mesh.audit.notInvoiced === 0,
        backlog: s(backlogMs as number),
        backlogMet: (backlogMs as number) <= TARGETS.backlogMs,
      },
    starts: slowest &&
      heaviest && {
        slowest: { name: slowest.name, ready: s(slowest.readyMs) },
        slowestMet: slowest.readyMs <= TARGETS.serviceReadyMs,
        heaviest: { name: heaviest.name, rss: mib(heaviest.idleRssMiB) },
        heaviestMet: (heaviest.idleRssMiB ?? Infinity) <= TARGETS.idleRssMiB,
      },
    broker: r.broker && {
      share: pct(r.broker.ingress[2].perSecond, r.broker.insert16),
      met: r.broker.ingress[2].perSecond / r.broker.insert16 >= TARGETS.ingressSharePct / 100,
    },
  };
}

function roundTrips(costs: RoundTripCost[]): Row[] {
  const us = (v: number | undefined) => (v === undefined ? '–' : `${Math.round(v)} µs`);
  return costs.map((c) => [c.what, us(c.wallUs), us(c.clientCpuUs), us(c.serverCpuUs)]);
}

function broker(b: BrokerFigures) {
  const [one, sixteen, sixtyFour] = b.ingress;
  return {
    rows: b.rows,
    share1: pct(one.perSecond, b.insert1),
    share16: pct(sixteen.perSecond, b.insert16),
    share64: pct(sixtyFour.perSecond, b.insert16),
  };
}

const MESH_STEPS: [string, string][] = [
  ['transit-driver-fee-calculated', 'fee in ReadTransit'],
  ['transit-invoice-issued', 'invoice in ReadTransit'],
  ['transit-driver-freed', 'driver freed in ReadTransit'],
  ['notifications-invoice-issued', 'invoice notification'],
];

/** p50 of when each settling delivery succeeded, counted from the rider's 202. */
function meshSteps(records: RideRecord[]): string {
  return MESH_STEPS.map(([trigger, what]) => {
    const after = records.flatMap(
      (x) => x.arrivals?.filter(([t]) => t === trigger).map(([, at]) => at - x.answeredAt) ?? [],
    );
    return `${what} ${fmtMs(percentile(after, 50))}`;
  }).join(' · ');
}

/** p50 of each call of the synchronous chain. */
function chainSteps(records: RideRecord[]): string {
  const byStep = new Map<string, number[]>();
  for (const x of records.filter((x) => x.ok))
    for (const [step, ms] of x.steps ?? []) byStep.set(step, [...(byStep.get(step) ?? []), ms]);
  return [...byStep].map(([step, ms]) => `${step} ${fmtMs(percentile(ms, 50))}`).join(' · ');
}

/** CPU per settled ride by process, for one or more runs side by side (the template names the runs). */
function cpuColumns(runs: RunCpu[]) {
  const names = [...new Set(runs.flatMap((c) => [...c.used.keys()]))];
  const perRide = (c: RunCpu, name: string) =>
    c.used.has(name) && c.rides ? fmtMs(((c.used.get(name) as number) * 1000) / c.rides) : '–';
  const rows = (which: string[]): Row[] => which.map((n) => [n, ...runs.map((c) => perRide(c, n))]);
  return {
    processes: rows(names.filter((n) => !isBench(n))),
    whole: runs.map((c) => fmtMs(systemMsPerRide(c))),
    cores: runs.map(cores),
    bench: rows(names.filter(isBench)),
  };
}

function rate(r: RateResult) {
  const statements = r.statements ?? [];
  const n = r.cpu.rides;
  const total = statements.reduce((t, f) => ({ calls: t.calls + f.calls, commits: t.commits + f.commits }), {
    calls: 0,
    commits: 0,
  });
  return {
    ratePerS: r.ratePerS,
    seconds: r.seconds,
    interval: fmtMs(1000 / r.ratePerS),
    settled: settledOf(n, r.records.length),
    answer: p50p99(riderLatencies(r.records)),
    settle: p50p99(settleTimes(r.records)),
    steps: meshSteps(r.records),
    retries: r.retries && `${fmtInt(r.retries.scheduled)} · ${fmtInt(r.retries.deadLettered)}`,
    cpu: cpuColumns([r.cpu]),
    statements: statements.length
      ? {
          perRide: (total.calls / n).toFixed(1),
          commitsPerRide: (total.commits / n).toFixed(1),
          byDatabase: statements.map((f) => [
            f.database,
            (f.calls / n).toFixed(1),
            (f.commits / n).toFixed(1),
            fmtMs(f.execMs / n),
          ]),
          costliest: costliest(statements, n),
        }
      : undefined,
  };
}

function costliest(statements: StatementFigures[], rides: number): Row[] {
  return statements
    .flatMap((f) => f.top.map((t) => ({ database: f.database, ...t })))
    .sort((a, b) => b.execMs - a.execMs)
    .slice(0, 10)
    .map((t) => [
      t.database,
      `\`${t.query.replace(/\|/g, '\\|').replace(/`/g, "'")}\``,
      (t.calls / rides).toFixed(1),
      fmtMs(t.execMs / rides),
    ]);
}

function maxRate(m: MaxRateResult) {
  return {
    runLength: s(m.tried[0]?.seconds * 1000),
    limit: s(m.limitMs),
    tried: m.tried.map((t) => [
      `${t.ratePerS} rides/s`,
      settledOf(t.cpu.rides, t.records.length),
      p50p99(riderLatencies(t.records)),
      p50p99(settleTimes(t.records)),
      fmtMs(systemMsPerRide(t.cpu)),
      cores(t.cpu),
    ]),
    sustained: m.sustained,
  };
}

function closedLoop(r: Results, mesh: SustainedResult, sync: SustainedResult) {
  const syncWait = riderLatencies(sync.run.records);
  const failed = (run: SustainedResult) => fmtInt(run.run.records.filter((x) => !x.ok).length);
  return {
    riders: r.settings.riders,
    seconds: r.settings.rideSeconds,
    slices: r.settings.slices,
    rate: { mesh: fmtRate(ratePerS(mesh)), chain: fmtRate(ratePerS(sync)) },
    wait: { mesh: p50p99(riderLatencies(mesh.run.records)), chain: p50p99(syncWait) },
    settled: {
      mesh: p50p99(
        mesh.run.records.filter((x) => x.settledAt !== undefined).map((x) => (x.settledAt as number) - x.sentAt),
      ),
      chain: p50p99(syncWait),
    },
    failed: { mesh: failed(mesh), chain: failed(sync) },
    steps: { mesh: meshSteps(mesh.run.records), chain: chainSteps(sync.run.records) },
    rides: { mesh: fmtInt(mesh.cpu.rides), chain: fmtInt(sync.cpu.rides) },
    cpu: cpuColumns([mesh.cpu, sync.cpu]),
  };
}

function failures(o: OutageResult): string {
  if (!o.failed) return '0';
  return `${fmtInt(o.failed)} (${[...o.failedAt].map(([step, { count }]) => `${count} at ${step}`).join(', ')})`;
}

function outage(o: NonNullable<Results['outage']>) {
  const { plan, mesh, sync } = o;
  const way = (x: OutageResult) => ({
    requested: fmtInt(x.records.length),
    failed: failures(x),
    lost: fmtInt(x.audit.notInvoiced),
    twice: fmtInt(x.audit.invoicedTwice),
    wait: p50p99(riderLatencies(x.records)),
    ready: s(x.invoicingStartMs),
    recovered: s(x.recoveryMs),
  });
  return {
    killedAfter: s(plan.beforeMs),
    run: s(plan.beforeMs + plan.downMs + plan.afterMs),
    ratePerS: plan.ratePerS,
    down: s(plan.downMs),
    mesh: {
      ...way(mesh),
      settle: p50p99(settleTimes(mesh.records)),
      retries: fmtInt(mesh.retriesScheduled),
      deadLettered: fmtInt(mesh.deadLettered),
    },
    sync: way(sync),
  };
}

function resources(r: Results, cold: ColdStart) {
  const starts = new Map(r.serviceStarts?.map((x) => [x.name, x]) ?? []);
  const sum = (values: (number | undefined)[]) => values.reduce<number>((a, b) => a + (b ?? 0), 0);
  const peak = (run: SustainedResult | undefined, name: string) => mib(run?.rss.get(name));
  return {
    migrate: s(cold.migrateMs),
    processes: [...cold.perProcess.keys()].map((n) => [
      n,
      s(cold.perProcess.get(n) ?? NaN),
      starts.has(n) ? s(starts.get(n)?.readyMs ?? NaN) : '–',
      mib(r.idleRss?.get(n)),
      mib(starts.get(n)?.idleRssMiB),
      peak(r.mesh, n),
      peak(r.sync, n),
    ]),
    whole: {
      ready: s(cold.readyMs),
      idleRss: mib(sum([...(r.idleRss?.values() ?? [])])),
      meshPeak: mib(sum([...(r.mesh?.rss.values() ?? [])])),
      chainPeak: mib(sum([...(r.sync?.rss.values() ?? [])])),
    },
  };
}

function profiles(profiles: Map<string, ProfileSummary>, seconds: number, rate: number | undefined) {
  return {
    names: [...profiles.keys()].join(', '),
    seconds,
    rate: rate ?? '?',
    processes: [...profiles].map(([name, p]) => {
      const busy = p.totalMs - p.idleMs;
      const share = (ms: number) => pct(ms, busy);
      return {
        name,
        sampled: s(p.totalMs),
        busy: s(busy),
        kinds: p.byKind.filter(([, ms]) => ms / busy >= 0.01).map(([k, ms]) => [k, share(ms)]),
        rest: share(p.byKind.filter(([, ms]) => ms / busy < 0.01).reduce((sum, [, ms]) => sum + ms, 0)),
        functions: p.byFunction.slice(0, 6).map(([k, ms]) => [k, share(ms)]),
      };
    }),
  };
}

/** The figures of a run, formatted, and the rows of its tables: what templates/results.md.eta lays out. */
function reportView(r: Results) {
  const m = r.machine;
  return {
    date: new Date().toISOString().slice(0, 10),
    machine: { ...m, loadAtStart: fmtLoad(m.loadAtStart), loadAtEnd: fmtLoad(m.loadAtEnd ?? []) },
    postgres: r.postgres,
    parts: [...r.settings.parts].join(', '),
    settings: r.settings,
    targets: TARGETS,
    goals: goals(r),
    roundTrips: r.roundTrips && roundTrips(r.roundTrips),
    broker: r.broker && broker(r.broker),
    rate: r.rate && rate(r.rate),
    maxRate: r.maxRate && maxRate(r.maxRate),
    closedLoop: r.mesh && r.sync && closedLoop(r, r.mesh, r.sync),
    outage: r.outage && outage(r.outage),
    resources: r.coldStart && resources(r, r.coldStart),
    profiles: r.profiles && profiles(r.profiles, r.settings.profileSeconds, r.profileRate),
  };
}

// Markdown, not HTML: nothing escaped. Whitespace as written, but for `-%>`, which drops the line break after a tag.
const templates = new Eta({
  views: fileURLToPath(new URL('../templates', import.meta.url)),
  autoEscape: false,
  autoTrim: false,
});

export const SECTION_TITLE = '## Whole system (`npm run bench`)';

/** The run as Markdown: what docs/benchmarks.md holds under SECTION_TITLE between its markers. */
export function renderResults(r: Results): string {
  return templates.render('./results.md.eta', reportView(r)).trimEnd();
}
