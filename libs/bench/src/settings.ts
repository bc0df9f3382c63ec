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
  };
}
