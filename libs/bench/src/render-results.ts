import type { ColdStart } from './bench-system.js';
import type { BrokerFigures } from './broker-figures.js';
import type { ProfileSummary } from './cpu-profile.js';
import type { CpuSeconds } from './cpu-time.js';
import type { OutagePlan, OutageResult } from './outage.js';
import type { PostgresFacts } from './postgres-server.js';
import { fmtLoad, table, type MachineFacts, type Row } from './report.js';
import { riderLatencies, settleTimes, type ClosedLoopResult, type RideRecord } from './ride-load.js';
import type { BenchSettings } from './settings.js';
import { fmtInt, fmtMs, fmtRate, p50p99, percentile, perSecond } from './stats.js';

export interface Results {
  settings: BenchSettings;
  machine: MachineFacts;
  postgres: PostgresFacts & { embedded: boolean };
  broker: BrokerFigures;
  coldStart: ColdStart;
  rss: { idle: Map<string, number>; meshLoad: Map<string, number>; syncLoad: Map<string, number> };
  mesh: ClosedLoopResult;
  sync: ClosedLoopResult;
  meshOutage: OutageResult & { deadLettered: number; retriesScheduled: number };
  syncOutage: OutageResult;
  plan: OutagePlan;
  profile?: ProfileSummary;
  meshCpu: RunCpu;
  syncCpu: RunCpu;
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

function header(r: Results): string {
  const m = r.machine;
  const pg = r.postgres;
  return [
    `Run of ${new Date().toISOString().slice(0, 10)}:`,
    '',
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM; load average (1/5/15 min) ${fmtLoad(m.loadAtStart)} at the start, ${fmtLoad(m.loadAtEnd ?? [])} at the end.`,
    `- Node ${m.node}; PostgreSQL ${pg.version} (${pg.embedded ? 'embedded, throwaway' : 'DATABASE_URL'}; fsync ${pg.fsync}, synchronous_commit ${pg.synchronousCommit}). Every process, the load generator and PostgreSQL on this one machine; logs at \`warn\`.`,
    `- Settings: rides ${r.settings.rideSeconds} s with ${r.settings.riders} riders; outage comparison at ${r.plan.ratePerS} rides/s${r.settings.compareRatePerS ? '' : ' (half the slower way\'s sustained rate)'} with invoicing down ${r.settings.outageSeconds} s; ${r.settings.drivers} drivers; broker phases ${r.settings.brokerPhaseMs / 1000} s.`,
  ].join('\n');
}

function meshSection(b: BrokerFigures): string {
  const [one, sixteen, sixtyFour] = b.ingress;
  return [
    '### The mesh: the broker\'s own benchmark, in this run',
    '',
    '`services/broker/dist/bench/broker-bench.js` run as it is (on the same PostgreSQL server); its rows, then the ingress as a share of the INSERT ceiling it measured.',
    '',
    table(['measurement', 'result'], [
      ...b.rows,
      ['Ingress, 1 sender, as a share of 1-connection INSERTs', pct(one.perSecond, b.insert1)],
      ['Ingress, 16 senders, as a share of 16-connection INSERTs', pct(sixteen.perSecond, b.insert16)],
      ['Ingress, 64 senders, as a share of 16-connection INSERTs', pct(sixtyFour.perSecond, b.insert16)],
    ]),
  ].join('\n');
}

const MESH_STEPS: [string, string][] = [
  ['transit-driver-fee-calculated', 'fee in ReadTransit'],
  ['transit-invoice-issued', 'invoice in ReadTransit'],
  ['drivers-free-driver', 'driver freed'],
  ['notifications-invoice-issued', 'invoice notification'],
];

/** p50 of when each settling delivery succeeded, counted from the rider's 202. */
function meshSteps(records: RideRecord[]): string {
  return MESH_STEPS.map(([trigger, what]) => {
    const after = records.flatMap((x) => x.arrivals?.filter(([t]) => t === trigger).map(([, at]) => at - x.answeredAt) ?? []);
    return `${what} ${fmtMs(percentile(after, 50))}`;
  }).join(' · ');
}

/** p50 of each call of the synchronous chain. */
function chainSteps(records: RideRecord[]): string {
  const byStep = new Map<string, number[]>();
  for (const x of records.filter((x) => x.ok)) for (const [step, ms] of x.steps ?? []) byStep.set(step, [...(byStep.get(step) ?? []), ms]);
  return [...byStep].map(([step, ms]) => `${step} ${fmtMs(percentile(ms, 50))}`).join(' · ');
}

function ridesSection(r: Results): string {
  const mesh = r.mesh;
  return [
    '### Rides through the whole system',
    '',
    `Rides prepared beforehand through the transit API (request, accept, start), between the measured slices; measured is CompleteTransit through the mesh. Each of ${r.settings.riders} riders completes a ride and waits until it has settled (followed on the broker's \`/stream\`) before the next. Settled = the fee and the invoice delivered to transit's read model, free-driver handled by drivers, and the three notifications handled.`,
    '',
    table(['measurement', 'result'], [
      [`Rides settled per second, sustained (${s(mesh.durationMs)}${mesh.ranOut ? ', ran out of prepared rides' : ''})`, `${fmtRate(perSecond(mesh.settledInWindow, mesh.durationMs))} rides/s (${fmtInt(mesh.settledInWindow)} rides)`],
      ['CompleteTransit as the rider sees it: POST → 202', p50p99(riderLatencies(mesh.records))],
      ['202 → settled (fee, invoice, driver freed, notifications)', p50p99(settleTimes(mesh.records))],
      ['202 → each step, p50', meshSteps(mesh.records)],
      ['Requests failed', fmtInt(mesh.records.filter((x) => !x.ok).length)],
    ]),
  ].join('\n');
}

function failures(o: OutageResult): string {
  if (!o.failed) return '0';
  return `${fmtInt(o.failed)} (${[...o.failedAt].map(([step, { count }]) => `${count} at ${step}`).join(', ')})`;
}

function comparisonSection(r: Results): string {
  const { mesh, sync, meshOutage: mo, syncOutage: so, plan } = r;
  const meshRate = perSecond(mesh.settledInWindow, mesh.durationMs);
  const syncRate = perSecond(sync.settledInWindow, sync.durationMs);
  const meshWait = riderLatencies(mesh.records);
  const syncWait = riderLatencies(sync.records);
  const rows: Row[] = [
    [`Rides settled per second (${r.settings.riders} riders, each waiting for the settlement)`, fmtRate(meshRate), fmtRate(syncRate)],
    ['The rider waits (request → answer)', `${p50p99(meshWait)} (202)`, `${p50p99(syncWait)} (whole chain)`],
    ['Request → settled', p50p99(mesh.records.filter((x) => x.settledAt !== undefined).map((x) => (x.settledAt as number) - x.sentAt)), p50p99(syncWait)],
    ['Requests failed', fmtInt(mesh.records.filter((x) => !x.ok).length), fmtInt(sync.records.filter((x) => !x.ok).length)],
    ['Where the wait goes (p50)', `after the 202: ${meshSteps(mesh.records)}`, chainSteps(sync.records)],
  ];
  const outageRows: Row[] = [
    ["Ride completions requested", fmtInt(mo.records.length), fmtInt(so.records.length)],
    ['Riders\' requests failed', failures(mo), failures(so)],
    ['Rides lost: completed, never invoiced (counted per ride at the end)', fmtInt(mo.audit.notInvoiced), fmtInt(so.audit.notInvoiced)],
    ['Rides invoiced twice', fmtInt(mo.audit.invoicedTwice), fmtInt(so.audit.invoicedTwice)],
    ['The rider waits, successful requests', p50p99(riderLatencies(mo.records)), p50p99(riderLatencies(so.records))],
    ['Invoicing started again → ready', s(mo.invoicingStartMs), s(so.invoicingStartMs)],
    [
      'Time to recover, from invoicing\'s restart',
      `${s(mo.recoveryMs)} until the last ride of the outage was settled`,
      `${s(so.recoveryMs)} until a request succeeded again; the ${fmtInt(so.audit.notInvoiced)} lost stay lost`,
    ],
    ['202 → settled over the whole run', p50p99(settleTimes(mo.records)), '–'],
    ['Retries the broker scheduled · dead letters', `${fmtInt(mo.retriesScheduled)} · ${fmtInt(mo.deadLettered)}`, '–'],
  ];
  const meshMs = plan.beforeMs + plan.downMs + plan.afterMs;
  return [
    '### The event mesh against a synchronous chain of calls',
    '',
    'The counter-example (`libs/bench/src/sync-chain.ts`) is an orchestrator in the rider\'s request that POSTs each command as a CloudEvent straight to each service — complete-transit to transit, ReadTransit, then calculate-fee to fees, issue-invoice to invoicing, free-driver to drivers — and fails the request if any call fails. The services are the same processes; for this part the broker runs without the Triggers of a ride completion, so only the chain does the work (it sends no notifications, which the mesh does).',
    '',
    `Without failures, ${r.settings.riders} riders for ${r.settings.rideSeconds} s each way, in ${r.settings.slices} slices taken in turn (mesh, chain, mesh, …) so that both meet the same background load of a shared machine:`,
    '',
    table(['', 'event mesh', 'synchronous chain'], rows),
    '',
    `Invoicing SIGKILLed ${s(plan.beforeMs)} into a ${s(meshMs)} run at ${r.plan.ratePerS} rides/s (open loop: riders do not wait for each other) and started again ${s(plan.downMs)} later; the same number of prepared rides each way:`,
    '',
    table(['', 'event mesh', 'synchronous chain'], outageRows),
    '',
    `In numbers: without failures the rider waits ${fmtMs(percentile(meshWait, 50))} (p50) for the mesh's 202 against ${fmtMs(percentile(syncWait, 50))} for the chain, ` +
      `and ${fmtRate(meshRate)} against ${fmtRate(syncRate)} rides settle per second with ${r.settings.riders} riders. ` +
      `With invoicing down for ${s(plan.downMs)}, the chain failed ${fmtInt(so.failed)} of ${fmtInt(so.records.length)} requests and left ${fmtInt(so.audit.notInvoiced)} rides completed but never invoiced ` +
      `(nothing calls invoicing again for them; free-driver, which comes after the invoice, was never called either). ` +
      `The mesh failed ${fmtInt(mo.failed)} of ${fmtInt(mo.records.length)} and, counted per ride at the end, left ${fmtInt(mo.audit.notInvoiced)} without an invoice and ${fmtInt(mo.audit.invoicedTwice)} with two; ` +
      `the last invoice of the outage was issued ${s(mo.recoveryMs)} after invoicing was started again, when the broker's backoff (0.4 s, doubling per attempt) next tried each delivery.`,
  ].join('\n');
}

function resourcesSection(r: Results): string {
  const names = [...r.coldStart.perProcess.keys()];
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return [
    '### Memory and cold start',
    '',
    `Resident set size (VmRSS from \`/proc/<pid>/status\`) of each process: idle 3 s after start, and the peak of 1-second samples during each ${r.settings.rideSeconds}-s ride run. Cold start: the Supervisor spawns the broker, then the other processes together, as \`npm start\` does; each column is spawned → readiness 200, from the first spawn. Before that the databases were created and migrated in ${s(r.coldStart.migrateMs)} (the Prisma CLI, two at a time; \`npm start\` does it once, containers in their entrypoints).`,
    '',
    table(['process', 'ready after', 'RSS idle', 'RSS peak, mesh rides', 'RSS peak, chain rides'], [
      ...names.map((n) => [n, s(r.coldStart.perProcess.get(n) ?? NaN), mib(r.rss.idle.get(n)), mib(r.rss.meshLoad.get(n)), mib(r.rss.syncLoad.get(n))]),
      ['**whole system**', `**${s(r.coldStart.readyMs)}**`, `**${mib(sum(r.rss.idle))}**`, `**${mib(sum(r.rss.meshLoad))}**`, `**${mib(sum(r.rss.syncLoad))}**`],
    ]),
  ].join('\n');
}

function profileSection(p: ProfileSummary | undefined, seconds: number): string {
  if (!p) return '### Where the broker\'s time goes\n\nNo CPU profile was written this run.';
  const busy = p.totalMs - p.idleMs;
  const share = (ms: number) => pct(ms, busy);
  const major = p.byKind.filter(([, ms]) => ms / busy >= 0.01);
  const rest = p.byKind.filter(([, ms]) => ms / busy < 0.01).reduce((sum, [, ms]) => sum + ms, 0);
  return [
    '### Where the broker\'s time goes',
    '',
    `\`node --cpu-prof\` on the broker during a ${seconds}-s closed-loop ride run through the mesh (and its start-up): ${s(p.totalMs)} sampled, ${s(busy)} of it busy. The profile is kept in \`.data/bench/broker.cpuprofile\` (Chrome DevTools or speedscope open it). Busy time by kind of work:`,
    '',
    table(['work', 'share of busy time'], [...major.map(([k, ms]) => [k, share(ms)]), ['everything else (under 1 % each)', share(rest)]]),
    '',
    'Hottest functions (self time):',
    '',
    table(['function', 'share of busy time'], p.byFunction.slice(0, 8).map(([k, ms]) => [`\`${k}\``, share(ms)])),
  ].join('\n');
}

function cpuSection(r: Results): string {
  const names = [...new Set([...r.meshCpu.used.keys(), ...r.syncCpu.used.keys()])];
  const perRide = (c: RunCpu, name: string) => (c.used.has(name) && c.rides ? `${fmtMs(((c.used.get(name) as number) * 1000) / c.rides)}` : '–');
  const system = (c: RunCpu) => [...c.used].filter(([n]) => !n.startsWith('bench')).reduce((sum, [, sec]) => sum + sec, 0);
  return [
    '### CPU time per settled ride',
    '',
    `CPU seconds (utime + stime from \`/proc/<pid>/stat\`; PostgreSQL: its postmaster, backends and reaped backends) used during each ${r.settings.rideSeconds}-s ride run, divided by the rides settled in it (mesh ${fmtInt(r.meshCpu.rides)}, chain ${fmtInt(r.syncCpu.rides)}). The chain's services still write their outbox and publish to the broker, which stores the events and delivers none.`,
    '',
    table(['process', 'event mesh', 'synchronous chain'], [
      ...names.filter((n) => !n.startsWith('bench')).map((n) => [n, perRide(r.meshCpu, n), perRide(r.syncCpu, n)]),
      ['**all of the system**', `**${fmtMs((system(r.meshCpu) * 1000) / r.meshCpu.rides)}**`, `**${fmtMs((system(r.syncCpu) * 1000) / r.syncCpu.rides)}**`],
      ['cores the system kept busy, on average', ((system(r.meshCpu) * 1000) / r.meshCpu.wallMs).toFixed(2), ((system(r.syncCpu) * 1000) / r.syncCpu.wallMs).toFixed(2)],
      ...names.filter((n) => n.startsWith('bench')).map((n) => [n, perRide(r.meshCpu, n), perRide(r.syncCpu, n)]),
    ]),
  ].join('\n');
}

export const SECTION_TITLE = '## Whole system (`npm run bench`)';

/** The whole run as Markdown: what docs/benchmarks.md holds under SECTION_TITLE between its markers. */
export function renderResults(r: Results): string {
  return [
    header(r),
    '',
    meshSection(r.broker),
    '',
    ridesSection(r),
    '',
    comparisonSection(r),
    '',
    resourcesSection(r),
    '',
    cpuSection(r),
    '',
    profileSection(r.profile, r.settings.profileSeconds),
  ].join('\n');
}
