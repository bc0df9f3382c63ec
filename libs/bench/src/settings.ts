/** What `npm run bench` can be told through the environment; the defaults are the recorded run's. */
export interface BenchSettings {
  /** Length of the sustained ride run, each way (closed loop). */
  rideSeconds: number;
  /** The ride runs alternate between the mesh and the chain in this many slices each. */
  slices: number;
  /** Riders in the closed loop, each waiting for their ride to settle before the next. */
  riders: number;
  /** Offered load of the outage comparison (open loop); by default what the slower way sustained, rounded. */
  compareRatePerS?: number;
  /** How long invoicing is down in the comparison; the load runs `outageSeconds` / 2 before and 1.5 × `outageSeconds` after. */
  outageSeconds: number;
  /** Length of each phase of the broker's own benchmark. */
  brokerPhaseMs: number;
  drivers: number;
  /** Length of the profiled ride run. */
  profileSeconds: number;
  /** Write the results into docs/benchmarks.md (BENCH_WRITE_DOCS=0 only prints them). */
  writeDocs: boolean;
  /** Which parts to run (BENCH_PARTS, comma-separated); all by default. Docs are written only for a whole run. */
  parts: Set<BenchPart>;
  /** Offered rate of the open-loop run, rides/s. */
  ratePerS: number;
  /** Length of the open-loop run. */
  rateSeconds: number;
  /** Processes to run under `node --cpu-prof` during the profiled run (BENCH_PROFILE, comma-separated). */
  profiled: string[];
}

export const BENCH_PARTS = ['broker', 'start', 'rides', 'rate', 'max-rate', 'profile', 'outage'] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

function parts(): Set<BenchPart> {
  const raw = process.env.BENCH_PARTS;
  if (!raw) return new Set(BENCH_PARTS);
  const named = raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const unknown = named.filter((p) => !(BENCH_PARTS as readonly string[]).includes(p));
  if (unknown.length)
    throw new Error(`BENCH_PARTS names ${unknown.join(', ')}; the parts are ${BENCH_PARTS.join(', ')}`);
  return new Set(named as BenchPart[]);
}

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(value > 0)) throw new Error(`${name} must be a positive number, not "${raw}"`);
  return value;
}

export function benchSettings(): BenchSettings {
  return {
    rideSeconds: positive('BENCH_RIDE_SECONDS', 60),
    riders: Math.round(positive('BENCH_RIDERS', 16)),
    slices: Math.round(positive('BENCH_SLICES', 3)),
    compareRatePerS: process.env.BENCH_COMPARE_RATE ? positive('BENCH_COMPARE_RATE', 1) : undefined,
    outageSeconds: positive('BENCH_OUTAGE_SECONDS', 30),
    brokerPhaseMs: positive('BENCH_BROKER_PHASE_MS', 5000),
    drivers: Math.round(positive('BENCH_DRIVERS', 200)),
    profileSeconds: positive('BENCH_PROFILE_SECONDS', 15),
    writeDocs: process.env.BENCH_WRITE_DOCS !== '0',
    parts: parts(),
    ratePerS: positive('BENCH_RATE', 50),
    rateSeconds: positive('BENCH_RATE_SECONDS', 60),
    profiled: (process.env.BENCH_PROFILE ?? 'broker,transit,notifications')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
  };
}
