import { Type } from '@sinclair/typebox';
import { DatabaseUrl, Duration, Flag, readEnvOrExit, Renamed } from '@cabs/contracts';

/** What `npm run bench` can be told through the environment; the defaults are the recorded run's. */
export interface BenchSettings {
  /** A PostgreSQL server to create the bench's databases on (DATABASE_URL); a throwaway embedded one otherwise. */
  databaseUrl?: string;
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
  /** Write the results into docs/benchmarks.md (BENCH_WRITE_DOCS=false only prints them). */
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

export const BENCH_PARTS = [
  'round-trips',
  'broker',
  'start',
  'rides',
  'rate',
  'max-rate',
  'profile',
  'outage',
] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

/** The environment `npm run bench` reads; durations in ISO 8601 like every other (docs/architecture.md). */
const BenchEnv = Type.Object({
  DATABASE_URL: Type.Optional(DatabaseUrl('postgresql://postgres:postgres@127.0.0.1:5432/postgres')),
  BENCH_PARTS: Type.Optional(Type.String()),
  BENCH_RIDE_DURATION: Duration({ default: 'PT60S', positive: true }),
  BENCH_RIDERS: Type.Integer({ minimum: 1, default: 16 }),
  BENCH_SLICES: Type.Integer({ minimum: 1, default: 3 }),
  BENCH_COMPARE_RATE: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  BENCH_OUTAGE_DURATION: Duration({ default: 'PT30S', positive: true }),
  BENCH_BROKER_PHASE_DURATION: Duration({ default: 'PT5S', positive: true }),
  BENCH_DRIVERS: Type.Integer({ minimum: 1, default: 200 }),
  BENCH_PROFILE_DURATION: Duration({ default: 'PT15S', positive: true }),
  BENCH_WRITE_DOCS: Flag({ default: true }),
  BENCH_RATE: Type.Number({ exclusiveMinimum: 0, default: 50 }),
  BENCH_RATE_DURATION: Duration({ default: 'PT60S', positive: true }),
  BENCH_PROFILE: Type.String({ default: 'broker,transit,notifications' }),
  BENCH_RIDE_SECONDS: Renamed('BENCH_RIDE_DURATION', 'PT60S'),
  BENCH_OUTAGE_SECONDS: Renamed('BENCH_OUTAGE_DURATION', 'PT30S'),
  BENCH_BROKER_PHASE_MS: Renamed('BENCH_BROKER_PHASE_DURATION', 'PT5S'),
  BENCH_PROFILE_SECONDS: Renamed('BENCH_PROFILE_DURATION', 'PT15S'),
  BENCH_RATE_SECONDS: Renamed('BENCH_RATE_DURATION', 'PT60S'),
});

const list = (text: string) =>
  text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);

function parts(text: string | undefined): Set<BenchPart> {
  if (!text) return new Set(BENCH_PARTS);
  const named = list(text);
  const unknown = named.filter((p) => !(BENCH_PARTS as readonly string[]).includes(p));
  if (unknown.length)
    throw new Error(`BENCH_PARTS names ${unknown.join(', ')}; the parts are ${BENCH_PARTS.join(', ')}`);
  return new Set(named as BenchPart[]);
}

export function benchSettings(): BenchSettings {
  const env = readEnvOrExit(BenchEnv);
  return {
    databaseUrl: env.DATABASE_URL,
    rideSeconds: env.BENCH_RIDE_DURATION / 1000,
    riders: env.BENCH_RIDERS,
    slices: env.BENCH_SLICES,
    compareRatePerS: env.BENCH_COMPARE_RATE,
    outageSeconds: env.BENCH_OUTAGE_DURATION / 1000,
    brokerPhaseMs: env.BENCH_BROKER_PHASE_DURATION,
    drivers: env.BENCH_DRIVERS,
    profileSeconds: env.BENCH_PROFILE_DURATION / 1000,
    writeDocs: env.BENCH_WRITE_DOCS,
    parts: parts(env.BENCH_PARTS),
    ratePerS: env.BENCH_RATE,
    rateSeconds: env.BENCH_RATE_DURATION / 1000,
    profiled: list(env.BENCH_PROFILE),
  };
}
