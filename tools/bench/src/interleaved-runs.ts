import type { BenchSystem } from './bench-system.js';
import { cpuUsedBetween, type CpuMeter, type CpuSeconds } from './cpu-time.js';
import { PeakRss } from './process-memory.js';
import { closedLoop, type ClosedLoopResult, type Completion, type Ride } from './ride-load.js';
import { perSecond } from './stats.js';

/** One way of completing rides; `enter` sets the system up for it (the broker's Triggers) and gives its rider. */
export interface Way {
  name: string;
  enter(): Promise<(ride: Ride) => Promise<Completion>>;
}

export interface SustainedResult {
  run: ClosedLoopResult;
  /** Peak RSS per process while this way ran. */
  rss: Map<string, number>;
  /** CPU seconds per process while this way ran, the rides settled meanwhile, and how long that was. */
  cpu: { used: CpuSeconds; rides: number; wallMs: number };
}

export interface RidesSource {
  /** Prepared rides, the mesh quiet afterwards. */
  take(count: number): Promise<Ride[]>;
}

const WARM_UP_MS = 10_000;

function merge(a: ClosedLoopResult | undefined, b: ClosedLoopResult): ClosedLoopResult {
  if (!a) return b;
  return {
    records: [...a.records, ...b.records],
    startedAt: a.startedAt,
    durationMs: a.durationMs + b.durationMs,
    settledInWindow: a.settledInWindow + b.settledInWindow,
    ranOut: a.ranOut || b.ranOut,
  };
}

const addCpu = (a: CpuSeconds, b: CpuSeconds): CpuSeconds =>
  new Map([...b].map(([name, s]) => [name, s + (a.get(name) ?? 0)]));
const maxRss = (a: Map<string, number>, b: Map<string, number>) =>
  new Map([...b].map(([name, v]) => [name, Math.max(v, a.get(name) ?? 0)]));

/**
 * Each way in turn, in `slices` alternating slices adding up to `seconds` each: on a shared machine the load of
 * everything else changes by the minute, and alternating gives both ways the same share of it. Each slice is a
 * closed loop of `riders` on rides prepared just before it (between slices, never during one); each way is
 * warmed up first, and the rate it reached sizes its next slice's rides.
 */
export async function interleavedRuns(options: {
  system: BenchSystem;
  rides: RidesSource;
  cpu: CpuMeter;
  ways: Way[];
  riders: number;
  seconds: number;
  slices: number;
  log: (line: string) => void;
}): Promise<Map<string, SustainedResult>> {
  const { system, riders, log } = options;
  const rate = new Map<string, number>();
  for (const way of options.ways) {
    const complete = await way.enter();
    const warm = await closedLoop({
      riders,
      durationMs: WARM_UP_MS,
      rides: await options.rides.take(riders * 10),
      complete,
    });
    // The first rides after a start are slow (JIT, first queries): the rate comes from the second half.
    const late = warm.records.filter(
      (r) =>
        (r.settledAt ?? Infinity) - warm.startedAt > WARM_UP_MS / 2 &&
        (r.settledAt ?? Infinity) - warm.startedAt <= WARM_UP_MS,
    ).length;
    rate.set(way.name, perSecond(late, WARM_UP_MS / 2));
    log(`  ${way.name} warmed up: ${rate.get(way.name)?.toFixed(1)} rides/s at the end`);
  }

  const sliceMs = (options.seconds * 1000) / options.slices;
  const results = new Map<string, SustainedResult>();
  for (let slice = 1; slice <= options.slices; slice++) {
    for (const way of options.ways) {
      const complete = await way.enter();
      // Twice the last rate, so a slice running faster than the one before does not run out.
      const rides = await options.rides.take(
        Math.max(riders * 4, Math.ceil(((rate.get(way.name) ?? 0) * sliceMs * 2) / 1000) + 2 * riders),
      );
      const peak = new PeakRss(system.supervisor);
      const before = await options.cpu.read();
      const started = performance.now();
      const run = await closedLoop({ riders, durationMs: sliceMs, rides, complete });
      const used = cpuUsedBetween(before, await options.cpu.read());
      const wallMs = performance.now() - started;
      const rss = await peak.stop();
      rate.set(way.name, perSecond(run.settledInWindow, run.durationMs));
      log(
        `  ${way.name}, slice ${slice}/${options.slices}: ${rate.get(way.name)?.toFixed(1)} rides/s${run.ranOut ? ' (ran out of prepared rides)' : ''}`,
      );
      const so = results.get(way.name);
      results.set(way.name, {
        run: merge(so?.run, run),
        rss: maxRss(so?.rss ?? new Map(), rss),
        cpu: {
          used: addCpu(so?.cpu.used ?? new Map(), used),
          rides: (so?.cpu.rides ?? 0) + run.records.filter((r) => r.settledAt !== undefined).length,
          wallMs: (so?.cpu.wallMs ?? 0) + wallMs,
        },
      });
    }
  }
  return results;
}
