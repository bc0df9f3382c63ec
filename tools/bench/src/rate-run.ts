import type { BenchSystem } from './bench-system.js';
import { waitForQuiet } from './bench-system.js';
import { cpuUsedBetween, type CpuMeter } from './cpu-time.js';
import type { RunCpu } from './render-results.js';
import { openLoop, settleTimes, type Completion, type Ride, type RideRecord } from './ride-load.js';
import type { StatementFigures } from './statement-figures.js';
import { percentile } from './stats.js';

export interface RateResult {
  ratePerS: number;
  seconds: number;
  /** Every ride offered, answered or not; `settledAt` set for those that settled within the wait. */
  records: RideRecord[];
  /** CPU from the first ride sent until the mesh was quiet again, divided over the rides settled. */
  cpu: RunCpu;
  /** PostgreSQL's statements and commits during the run, by database (when pg_stat_statements is there). */
  statements?: StatementFigures[];
  /** Deliveries the broker had to attempt again (a subscriber's 409/5xx, a timeout), and those it gave up on. */
  retries?: { scheduled: number; deadLettered: number };
}

/**
 * Open loop at a fixed rate: one CompleteTransit every 1/`ratePerS` s for `seconds`, whoever has or has not been
 * answered — the load a city of riders offers, which does not slow down when the system does. Then waits until every
 * ride has settled (or `settleTimeoutMs` passed) and the mesh is quiet, so the CPU counted is all the work the rides
 * caused.
 */
export async function rateRun(options: {
  system: BenchSystem;
  cpu: CpuMeter;
  rides: readonly Ride[];
  ratePerS: number;
  seconds: number;
  complete: (ride: Ride) => Promise<Completion>;
  settleTimeoutMs?: number;
}): Promise<RateResult> {
  const before = await options.cpu.read();
  const started = performance.now();
  const run = await openLoop({
    ratePerS: options.ratePerS,
    durationMs: options.seconds * 1000,
    rides: options.rides,
    complete: options.complete,
    maxInFlight: 4096,
    settleTimeoutMs: options.settleTimeoutMs ?? 120_000,
  });
  await run.settled;
  await waitForQuiet(options.system.ports);
  const used = cpuUsedBetween(before, await options.cpu.read());
  return {
    ratePerS: options.ratePerS,
    seconds: options.seconds,
    records: run.records,
    cpu: {
      used,
      rides: run.records.filter((r) => r.settledAt !== undefined).length,
      wallMs: performance.now() - started,
    },
  };
}

/** Settled within the wait, and the rider had a 202: the run kept up with its rate. */
export const allSettled = (r: RateResult) =>
  r.records.length > 0 && r.records.every((x) => x.ok && x.settledAt !== undefined);

export const settleP99 = (r: RateResult) => percentile(settleTimes(r.records), 99);
