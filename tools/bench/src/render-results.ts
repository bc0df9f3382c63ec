import type { ColdStart } from './bench-system.js';
import type { BrokerFigures } from './broker-figures.js';
import type { ProfileSummary } from './cpu-profile.js';
import type { CpuSeconds } from './cpu-time.js';
import type { SustainedResult } from './interleaved-runs.js';
import type { MaxRateResult } from './max-rate.js';
import type { OutagePlan, OutageResult } from './outage.js';
import type { PostgresFacts } from './postgres-server.js';
import { allSettled, settleP99, type RateResult } from './rate-run.js';
import { fmtLoad, table, type MachineFacts, type Row } from './report.js';
import { riderLatencies, settleTimes, type RideRecord } from './ride-load.js';
import type { ServiceStart } from './service-starts.js';
import type { StatementFigures } from './statement-figures.js';
import type { BenchSettings } from './settings.js';
import { fmtInt, fmtMs, fmtRate, p50p99, percentile, perSecond } from './stats.js';

/** Whatever parts of the run took place (BENCH_PARTS); each section renders only when its part ran. */
export interface Results {
  settings: BenchSettings;
  machine: MachineFacts;
  postgres: PostgresFacts & { embedded: boolean };
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
const met = (ok: boolean | undefined) => (ok === undefined ? '–' : ok ? 'met' : '**not met**');

function header(r: Results): string {
  const m = r.machine;
  const pg = r.postgres;
  const ran = [...r.settings.parts].join(', ');
  return [
    `Run of ${new Date().toISOString().slice(0, 10)}:`,
    '',
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM; load average (1/5/15 min) ${fmtLoad(m.loadAtStart)} at the start, ${fmtLoad(m.loadAtEnd ?? [])} at the end.`,
    `- Node ${m.node}; PostgreSQL ${pg.version} (${pg.embedded ? 'embedded, throwaway' : 'DATABASE_URL'}; fsync ${pg.fsync}, synchronous_commit ${pg.synchronousCommit}). Every process, the load generator and PostgreSQL on this one machine; logs at \`warn\`; no trace collector (as \`npm start\`).`,
    `- Parts: ${ran}. Settings: open loop ${r.settings.ratePerS} rides/s for ${r.settings.rateSeconds} s; closed loop ${r.settings.riders} riders for ${r.settings.rideSeconds} s each way; invoicing down ${r.settings.outageSeconds} s; ${r.settings.drivers} drivers.`,
  ].join('\n');
}

function goalsSection(r: Results): string {
  const rows: Row[] = [];
  if (r.rate) {
    const rate = r.rate;
    const cpu = systemMsPerRide(rate.cpu);
    rows.push([
      `CPU of the whole system (every process and PostgreSQL) per settled ride, ${rate.ratePerS} rides/s`,
      '≤ 25 ms',
      fmtMs(cpu),
      met(cpu <= 25),
    ]);
    rows.push([
      `${rate.ratePerS} rides/s offered for ${rate.seconds} s (open loop): rides settled`,
      'all',
      `${fmtInt(rate.cpu.rides)} of ${fmtInt(rate.records.length)}`,
      met(allSettled(rate)),
    ]);
    const answer = percentile(riderLatencies(rate.records), 99);
    rows.push(['… CompleteTransit answered 202, p99', '≤ 25 ms', fmtMs(answer), met(answer <= 25)]);
    rows.push(['… 202 → settled, p99', '≤ 500 ms', fmtMs(settleP99(rate)), met(settleP99(rate) <= 500)]);
  }
  if (r.maxRate) {
    const sustained = r.maxRate.sustained;
    rows.push([
      `Highest rate sustained with 202 → settled p99 ≤ ${s(r.maxRate.limitMs)} (steps of ${r.maxRate.tried.map((t) => t.ratePerS).join(', ')})`,
      'aim 100 rides/s',
      sustained === undefined ? 'none of the steps' : `${sustained} rides/s`,
      met(sustained !== undefined && sustained >= 100),
    ]);
  }
  if (r.mesh && r.sync) {
    rows.push([
      `Rides settled per second, ${r.settings.riders} closed-loop riders: mesh · chain`,
      'mesh ≥ chain',
      `${fmtRate(ratePerS(r.mesh))} · ${fmtRate(ratePerS(r.sync))}`,
      met(ratePerS(r.mesh) >= ratePerS(r.sync)),
    ]);
  }
  if (r.outage) {
    const { mesh } = r.outage;
    rows.push([
      `Invoicing down ${s(r.outage.plan.downMs)}: mesh requests failed / rides lost`,
      '0 / 0',
      `${fmtInt(mesh.failed)} / ${fmtInt(mesh.audit.notInvoiced)}`,
      met(mesh.failed === 0 && mesh.audit.notInvoiced === 0),
    ]);
    const backlog = mesh.recoveryMs - mesh.invoicingStartMs;
    rows.push([
      '… invoicing ready → the last invoice of the outage issued',
      '≤ 10 s',
      s(backlog),
      met(backlog <= 10_000),
    ]);
  }
  if (r.serviceStarts?.length) {
    const slowest = r.serviceStarts.reduce((a, b) => (b.readyMs > a.readyMs ? b : a));
    const heaviest = r.serviceStarts.reduce((a, b) => ((b.idleRssMiB ?? 0) > (a.idleRssMiB ?? 0) ? b : a));
    rows.push([
      'A service started alone → ready (slowest of the five)',
      '≤ 1.5 s',
      `${s(slowest.readyMs)} (${slowest.name})`,
      met(slowest.readyMs <= 1500),
    ]);
    rows.push([
      'Idle RSS per service (largest)',
      '≤ 120 MiB',
      `${mib(heaviest.idleRssMiB)} (${heaviest.name})`,
      met((heaviest.idleRssMiB ?? Infinity) <= 120),
    ]);
  }
  if (r.broker) {
    const share = r.broker.ingress[2].perSecond / r.broker.insert16;
    rows.push([
      'Broker ingress, 64 senders, as a share of the 16-connection INSERT ceiling',
      '≥ 60 %',
      pct(r.broker.ingress[2].perSecond, r.broker.insert16),
      met(share >= 0.6),
    ]);
  }
  return ['### Goals', '', table(['goal', 'target', 'measured', ''], rows)].join('\n');
}

function brokerSection(b: BrokerFigures): string {
  const [one, sixteen, sixtyFour] = b.ingress;
  return [
    "### The mesh: the broker's own benchmark, in this run",
    '',
    '`services/broker/dist/bench/broker-bench.js` run as it is (on the same PostgreSQL server); its rows, then the ingress as a share of the INSERT ceiling it measured.',
    '',
    table(
      ['measurement', 'result'],
      [
        ...b.rows,
        ['Ingress, 1 sender, as a share of 1-connection INSERTs', pct(one.perSecond, b.insert1)],
        ['Ingress, 16 senders, as a share of 16-connection INSERTs', pct(sixteen.perSecond, b.insert16)],
        ['Ingress, 64 senders, as a share of 16-connection INSERTs', pct(sixtyFour.perSecond, b.insert16)],
      ],
    ),
  ].join('\n');
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

/** CPU per settled ride by process, for one or more runs side by side. */
function cpuTable(runs: [string, RunCpu][]): string {
  const names = [...new Set(runs.flatMap(([, c]) => [...c.used.keys()]))];
  const perRide = (c: RunCpu, name: string) =>
    c.used.has(name) && c.rides ? fmtMs(((c.used.get(name) as number) * 1000) / c.rides) : '–';
  return table(
    ['process', ...runs.map(([label]) => label)],
    [
      ...names.filter((n) => !isBench(n)).map((n) => [n, ...runs.map(([, c]) => perRide(c, n))]),
      ['**the whole system**', ...runs.map(([, c]) => `**${fmtMs(systemMsPerRide(c))}**`)],
      [
        'cores the system kept busy, on average',
        ...runs.map(([, c]) => ((systemMsPerRide(c) * c.rides) / c.wallMs).toFixed(2)),
      ],
      ...names.filter(isBench).map((n) => [n, ...runs.map(([, c]) => perRide(c, n))]),
    ],
  );
}

function rateSection(rate: RateResult): string {
  const statements = rate.statements ?? [];
  const n = rate.cpu.rides;
  const statementRows: Row[] = statements.map((f) => [
    f.database,
    (f.calls / n).toFixed(1),
    (f.commits / n).toFixed(1),
    fmtMs(f.execMs / n),
  ]);
  const total = statements.reduce((t, f) => ({ calls: t.calls + f.calls, commits: t.commits + f.commits }), {
    calls: 0,
    commits: 0,
  });
  return [
    `### Open loop: ${rate.ratePerS} rides/s for ${rate.seconds} s`,
    '',
    `One CompleteTransit every ${fmtMs(1000 / rate.ratePerS)} to the broker's ingress, whether or not earlier ones have settled — the load a city of riders offers. Rides prepared beforehand through the transit API; settled = fee, invoice and the freed driver in transit's read model and the three notifications handled (followed on the broker's \`/stream\`). CPU from the first ride until the mesh was quiet again.`,
    '',
    table(
      ['measurement', 'result'],
      [
        ['Rides settled', `${fmtInt(n)} of ${fmtInt(rate.records.length)}`],
        ['CompleteTransit as the rider sees it: POST → 202', p50p99(riderLatencies(rate.records))],
        ['202 → settled', p50p99(settleTimes(rate.records))],
        ['202 → each step, p50', meshSteps(rate.records)],
      ],
    ),
    '',
    'CPU per settled ride:',
    '',
    cpuTable([[`${rate.ratePerS} rides/s`, rate.cpu]]),
    ...(statements.length
      ? [
          '',
          `PostgreSQL's work per settled ride, by database (pg_stat_statements; commits from pg_stat_database): ${(total.calls / n).toFixed(1)} statements and ${(total.commits / n).toFixed(1)} commits in all.`,
          '',
          table(['database', 'statements', 'commits', 'execution time'], statementRows),
          '',
          'The statements PostgreSQL spent longest on, per settled ride (execution includes waiting for a lock):',
          '',
          table(['database', 'statement', 'calls', 'execution time'], costliest(statements, n)),
        ]
      : []),
  ].join('\n');
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

function maxRateSection(m: MaxRateResult): string {
  return [
    '### The highest rate sustained',
    '',
    `Open-loop runs of ${s(m.tried[0]?.seconds * 1000)} at rising rates until one misses the bar (a ride not settled, or 202 → settled p99 above ${s(m.limitMs)}).`,
    '',
    table(
      ['offered', 'settled', 'POST → 202', '202 → settled', 'CPU per ride', 'cores busy'],
      m.tried.map((t) => [
        `${t.ratePerS} rides/s`,
        `${fmtInt(t.cpu.rides)} of ${fmtInt(t.records.length)}`,
        p50p99(riderLatencies(t.records)),
        p50p99(settleTimes(t.records)),
        fmtMs(systemMsPerRide(t.cpu)),
        ((systemMsPerRide(t.cpu) * t.cpu.rides) / t.cpu.wallMs).toFixed(2),
      ]),
    ),
    '',
    m.sustained === undefined ? 'None of the rates met the bar.' : `Sustained: **${m.sustained} rides/s**.`,
  ].join('\n');
}

function closedLoopSection(r: Results, mesh: SustainedResult, sync: SustainedResult): string {
  const meshWait = riderLatencies(mesh.run.records);
  const syncWait = riderLatencies(sync.run.records);
  return [
    '### The event mesh against a synchronous chain of calls',
    '',
    "The counter-example (`libs/bench/src/sync-chain.ts`) is an orchestrator in the rider's request that POSTs each command as a CloudEvent straight to each service — complete-transit to transit, ReadTransit, then calculate-fee to fees, issue-invoice to invoicing, free-driver to drivers — and fails the request if any call fails. The services are the same processes; for this part the broker runs without the Triggers of a ride completion, so only the chain does the work (it sends no notifications, which the mesh does).",
    '',
    `${r.settings.riders} closed-loop riders — each completes a ride and waits until it has settled before the next — for ${r.settings.rideSeconds} s each way, in ${r.settings.slices} slices taken in turn (mesh, chain, mesh, …) so that both meet the same background load:`,
    '',
    table(
      ['', 'event mesh', 'synchronous chain'],
      [
        ['Rides settled per second', fmtRate(ratePerS(mesh)), fmtRate(ratePerS(sync))],
        ['The rider waits (request → answer)', `${p50p99(meshWait)} (202)`, `${p50p99(syncWait)} (whole chain)`],
        [
          'Request → settled',
          p50p99(
            mesh.run.records.filter((x) => x.settledAt !== undefined).map((x) => (x.settledAt as number) - x.sentAt),
          ),
          p50p99(syncWait),
        ],
        [
          'Requests failed',
          fmtInt(mesh.run.records.filter((x) => !x.ok).length),
          fmtInt(sync.run.records.filter((x) => !x.ok).length),
        ],
        ['Where the wait goes (p50)', `after the 202: ${meshSteps(mesh.run.records)}`, chainSteps(sync.run.records)],
      ],
    ),
    '',
    `CPU per settled ride (mesh ${fmtInt(mesh.cpu.rides)} rides, chain ${fmtInt(sync.cpu.rides)}; the chain's services still write their outbox and publish to the broker, which stores the events and delivers none):`,
    '',
    cpuTable([
      ['event mesh', mesh.cpu],
      ['synchronous chain', sync.cpu],
    ]),
  ].join('\n');
}

function failures(o: OutageResult): string {
  if (!o.failed) return '0';
  return `${fmtInt(o.failed)} (${[...o.failedAt].map(([step, { count }]) => `${count} at ${step}`).join(', ')})`;
}

function outageSection(o: NonNullable<Results['outage']>): string {
  const { plan, mesh: mo, sync: so } = o;
  const runMs = plan.beforeMs + plan.downMs + plan.afterMs;
  return [
    '### Invoicing down',
    '',
    `Invoicing SIGKILLed ${s(plan.beforeMs)} into a ${s(runMs)} run at ${plan.ratePerS} rides/s (open loop) and started again ${s(plan.downMs)} later; the same number of prepared rides each way:`,
    '',
    table(
      ['', 'event mesh', 'synchronous chain'],
      [
        ['Ride completions requested', fmtInt(mo.records.length), fmtInt(so.records.length)],
        ["Riders' requests failed", failures(mo), failures(so)],
        [
          'Rides lost: completed, never invoiced (counted per ride at the end)',
          fmtInt(mo.audit.notInvoiced),
          fmtInt(so.audit.notInvoiced),
        ],
        ['Rides invoiced twice', fmtInt(mo.audit.invoicedTwice), fmtInt(so.audit.invoicedTwice)],
        [
          'The rider waits, successful requests',
          p50p99(riderLatencies(mo.records)),
          p50p99(riderLatencies(so.records)),
        ],
        ['Invoicing started again → ready', s(mo.invoicingStartMs), s(so.invoicingStartMs)],
        [
          "Invoicing's restart → recovered",
          `${s(mo.recoveryMs)} until the last ride of the outage was settled`,
          `${s(so.recoveryMs)} until a request succeeded again; the ${fmtInt(so.audit.notInvoiced)} lost stay lost`,
        ],
        ['202 → settled over the whole run', p50p99(settleTimes(mo.records)), '–'],
        [
          'Retries the broker scheduled · dead letters',
          `${fmtInt(mo.retriesScheduled)} · ${fmtInt(mo.deadLettered)}`,
          '–',
        ],
      ],
    ),
  ].join('\n');
}

function resourcesSection(r: Results): string {
  const cold = r.coldStart as ColdStart;
  const names = [...cold.perProcess.keys()];
  const starts = new Map(r.serviceStarts?.map((x) => [x.name, x]) ?? []);
  const sum = (values: (number | undefined)[]) => values.reduce<number>((a, b) => a + (b ?? 0), 0);
  const peak = (run: SustainedResult | undefined, name: string) => mib(run?.rss.get(name));
  return [
    '### Start-up and memory',
    '',
    `All together: the Supervisor spawns the broker, then the other processes together, as \`npm start\` does; spawned → readiness 200, from the first spawn (databases created and migrated before, in ${s(cold.migrateMs)}). Alone: each service stopped and started again while the rest runs, as \`cabs start <service>\` does and as Knative scales a service from zero; RSS 3 s after it was ready. Peaks are of 1-second samples during the closed-loop rides.`,
    '',
    table(
      [
        'process',
        'ready, all together',
        'ready, alone',
        'RSS idle',
        'RSS idle, alone',
        'RSS peak, mesh rides',
        'RSS peak, chain rides',
      ],
      [
        ...names.map((n) => [
          n,
          s(cold.perProcess.get(n) ?? NaN),
          starts.has(n) ? s(starts.get(n)?.readyMs ?? NaN) : '–',
          mib(r.idleRss?.get(n)),
          mib(starts.get(n)?.idleRssMiB),
          peak(r.mesh, n),
          peak(r.sync, n),
        ]),
        [
          '**whole system**',
          `**${s(cold.readyMs)}**`,
          '',
          `**${mib(sum([...(r.idleRss?.values() ?? [])]))}**`,
          '',
          `**${mib(sum([...(r.mesh?.rss.values() ?? [])]))}**`,
          `**${mib(sum([...(r.sync?.rss.values() ?? [])]))}**`,
        ],
      ],
    ),
  ].join('\n');
}

function profilesSection(profiles: Map<string, ProfileSummary>, seconds: number, rate: number | undefined): string {
  const sections = [...profiles].map(([name, p]) => {
    const busy = p.totalMs - p.idleMs;
    const share = (ms: number) => pct(ms, busy);
    const major = p.byKind.filter(([, ms]) => ms / busy >= 0.01);
    const rest = p.byKind.filter(([, ms]) => ms / busy < 0.01).reduce((sum, [, ms]) => sum + ms, 0);
    return [
      `#### ${name}`,
      '',
      `${s(p.totalMs)} sampled, ${s(busy)} busy (start-up included). By kind of work, then the hottest functions (self time):`,
      '',
      table(
        ['work', 'share of busy time'],
        [...major.map(([k, ms]) => [k, share(ms)]), ['everything else (under 1 % each)', share(rest)]],
      ),
      '',
      table(
        ['function', 'share of busy time'],
        p.byFunction.slice(0, 6).map(([k, ms]) => [`\`${k}\``, share(ms)]),
      ),
    ].join('\n');
  });
  return [
    '### Where the time goes: CPU profiles',
    '',
    `\`node --cpu-prof\` on ${[...profiles.keys()].join(', ')} during a ${seconds}-s open-loop run at ${rate ?? '?'} rides/s. The profiles are kept in \`.data/bench/<process>.cpuprofile\` (Chrome DevTools or speedscope open them). A socket write is a system call that on loopback also runs the receiving side's TCP stack, so it is told apart by who wrote.`,
    '',
    ...sections.flatMap((section) => [section, '']),
  ].join('\n');
}

export const SECTION_TITLE = '## Whole system (`npm run bench`)';

/** The run as Markdown: what docs/benchmarks.md holds under SECTION_TITLE between its markers. */
export function renderResults(r: Results): string {
  const sections = [header(r), goalsSection(r)];
  if (r.broker) sections.push(brokerSection(r.broker));
  if (r.rate) sections.push(rateSection(r.rate));
  if (r.maxRate) sections.push(maxRateSection(r.maxRate));
  if (r.mesh && r.sync) sections.push(closedLoopSection(r, r.mesh, r.sync));
  if (r.outage) sections.push(outageSection(r.outage));
  if (r.coldStart) sections.push(resourcesSection(r));
  if (r.profiles) sections.push(profilesSection(r.profiles, r.settings.profileSeconds, r.profileRate));
  return sections.join('\n\n').trimEnd();
}
