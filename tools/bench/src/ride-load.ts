import type { Transit } from '@cabs/client';
import type { Settlement } from './settlement-watch.js';

export type Ride = Pick<Transit, 'id' | 'destination'>;

/** What completing one ride gave the rider, and — through the mesh — when it settled. */
export interface Completion {
  ok: boolean;
  /** For a failed request: which call failed. */
  failedAt?: string;
  /** Resolves with the time the ride settled (mesh). Without it the answer is the settlement (the synchronous chain). */
  settled?: Promise<Settlement>;
  /** The calls the request made and how long each took (the synchronous chain). */
  steps?: [string, number][];
}

export interface RideRecord {
  id: string;
  sentAt: number;
  answeredAt: number;
  ok: boolean;
  failedAt?: string;
  settledAt?: number;
  /** Mesh: when each delivery that settles the ride succeeded. */
  arrivals?: [string, number][];
  /** Synchronous chain: each call and how long it took. */
  steps?: [string, number][];
}

export const riderLatencies = (records: readonly RideRecord[]) =>
  records.filter((r) => r.ok).map((r) => r.answeredAt - r.sentAt);
export const settleTimes = (records: readonly RideRecord[]) =>
  records.filter((r) => r.settledAt !== undefined).map((r) => (r.settledAt as number) - r.answeredAt);

async function attempt(
  ride: Ride,
  complete: (ride: Ride) => Promise<Completion>,
  settleTimeoutMs: number,
): Promise<{ record: RideRecord; settled?: Promise<void> }> {
  const record: RideRecord = { id: ride.id, sentAt: performance.now(), answeredAt: NaN, ok: false };
  const outcome = await complete(ride).catch((err: Error): Completion => ({ ok: false, failedAt: err.message }));
  record.answeredAt = performance.now();
  record.ok = outcome.ok;
  record.failedAt = outcome.failedAt;
  record.steps = outcome.steps;
  if (!outcome.settled) {
    if (record.ok) record.settledAt = record.answeredAt;
    return { record };
  }
  let timer: NodeJS.Timeout | undefined;
  const settled = Promise.race([
    outcome.settled.then(({ at, arrivals }) => {
      record.settledAt = at;
      record.arrivals = arrivals;
    }),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, settleTimeoutMs))),
  ]).finally(() => clearTimeout(timer));
  return { record, settled };
}

export interface ClosedLoopResult {
  records: RideRecord[];
  startedAt: number;
  durationMs: number;
  /** Rides settled before the window closed. */
  settledInWindow: number;
  /** The prepared rides were used up before the window closed (then `durationMs` is shorter). */
  ranOut: boolean;
}

/**
 * Closed loop: `riders` riders, each completing a ride and waiting until it has settled before the next, for
 * `durationMs` or until the prepared rides run out. What settles within the window is the sustained rate.
 */
export async function closedLoop(options: {
  riders: number;
  durationMs: number;
  rides: readonly Ride[];
  complete: (ride: Ride) => Promise<Completion>;
  settleTimeoutMs?: number;
}): Promise<ClosedLoopResult> {
  const records: RideRecord[] = [];
  let next = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const rider = async () => {
    while (performance.now() < deadline && next < options.rides.length) {
      const { record, settled } = await attempt(
        options.rides[next++],
        options.complete,
        options.settleTimeoutMs ?? 60_000,
      );
      records.push(record);
      await settled;
    }
  };
  await Promise.all(Array.from({ length: options.riders }, rider));
  const ranOut = next >= options.rides.length && performance.now() < deadline;
  const end = Math.min(deadline, performance.now());
  const settledInWindow = records.filter((r) => (r.settledAt ?? Infinity) <= end).length;
  return { records, startedAt: started, durationMs: end - started, settledInWindow, ranOut };
}

/**
 * Open loop: one ride every 1/`ratePerS` seconds whether or not earlier ones have been answered — riders do
 * not queue behind each other — with at most `maxInFlight` outstanding so the run stays bounded.
 * `at` schedules things (an outage) at offsets from the start; each is given the start time.
 */
export async function openLoop(options: {
  ratePerS: number;
  durationMs: number;
  rides: readonly Ride[];
  complete: (ride: Ride) => Promise<Completion>;
  at?: [number, (started: number) => Promise<void>][];
  maxInFlight?: number;
  settleTimeoutMs?: number;
}): Promise<{ records: RideRecord[]; started: number; settled: Promise<void> }> {
  const records: RideRecord[] = [];
  const inFlight = new Set<Promise<void>>();
  const settling: Promise<void>[] = [];
  const started = performance.now();
  const scheduled = (options.at ?? []).map(([offsetMs, action]) =>
    sleepUntil(started + offsetMs).then(() => action(started)),
  );
  const count = Math.min(options.rides.length, Math.floor((options.durationMs / 1000) * options.ratePerS));
  for (let i = 0; i < count; i++) {
    await sleepUntil(started + (i * 1000) / options.ratePerS);
    while (inFlight.size >= (options.maxInFlight ?? 256)) await Promise.race(inFlight);
    const answered = attempt(options.rides[i], options.complete, options.settleTimeoutMs ?? 600_000).then(
      ({ record, settled }) => {
        inFlight.delete(answered);
        records.push(record);
        if (settled) settling.push(settled);
      },
    );
    inFlight.add(answered);
  }
  await Promise.all(inFlight);
  await Promise.all(scheduled);
  return { records, started, settled: Promise.all(settling).then(() => {}) };
}

function sleepUntil(at: number): Promise<void> {
  const ms = at - performance.now();
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
