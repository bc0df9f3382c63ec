/**
 * `npm run soak -- [--rides N] [--rate R] [--seed S] [--no-postgres-restart]`: the chaos soak (docs/reliability.md).
 * Builds nothing itself (the npm script builds first); exits 0 only when every invariant holds.
 */
import { parseArgs } from 'node:util';
import { renderReport } from './report.js';
import { DEFAULT_SOAK, runSoak } from './soak.js';

const { values } = parseArgs({
  options: {
    rides: { type: 'string' },
    rate: { type: 'string' },
    seed: { type: 'string' },
    'no-postgres-restart': { type: 'boolean' },
  },
});
const positive = (name: string, raw: string | undefined, fallback: number) => {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!(value > 0)) {
    process.stderr.write(`--${name} must be a positive number, got "${raw}"\n`);
    process.exit(2);
  }
  return value;
};

const options = {
  ...DEFAULT_SOAK,
  rides: Math.round(positive('rides', values.rides, DEFAULT_SOAK.rides)),
  rate: positive('rate', values.rate, DEFAULT_SOAK.rate),
  seed: positive('seed', values.seed, DEFAULT_SOAK.seed),
  postgresRestartAt: values['no-postgres-restart'] ? undefined : DEFAULT_SOAK.postgresRestartAt,
};
const say = (line: string) => process.stdout.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
say(
  `${options.rides} rides at ${options.rate}/s with faults every ${options.faultIntervalMs.map((ms) => ms / 1000).join('–')} s (seed ${options.seed})`,
);
try {
  const result = await runSoak(options, say);
  process.stdout.write(`\n${renderReport(result)}\n`);
  say(result.ok ? 'every invariant holds' : 'INVARIANTS FAILED');
  process.exitCode = result.ok ? 0 : 1;
} catch (err) {
  say(`the soak could not finish: ${(err as Error).stack ?? err}`);
  process.exitCode = 1;
}
