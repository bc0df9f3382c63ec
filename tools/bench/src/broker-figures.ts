import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The rows of the broker's own benchmark (`npm run bench:broker`), run here as it is, and the figures read from them. */
export interface BrokerFigures {
  rows: [string, string][];
  insert1: number;
  insert16: number;
  ingress: { senders: number; perSecond: number; p50: string; p99: string }[];
  deliveriesPerSecond: number;
}

const number = (text: string) => Number(text.replace(/,/g, ''));

/**
 * Runs tools/bench/dist/broker/broker-bench.js on the same PostgreSQL server (it creates and drops a database
 * of its own there) and reads its Markdown table, rather than measuring the broker a second way.
 */
export async function runBrokerBench(
  serverUrl: string,
  phaseMs: number,
  log: (line: string) => void,
): Promise<BrokerFigures> {
  const script = fileURLToPath(new URL('./broker/broker-bench.js', import.meta.url));
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, DATABASE_URL: serverUrl, BENCH_PHASE_DURATION: `PT${phaseMs / 1000}S` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .forEach((line) => log(`  broker bench ${line}`)),
  );
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the broker benchmark exited with ${code}:\n${stdout}`);

  const rows = [...stdout.matchAll(/^\| (.+?) \| (.+?) \|$/gm)]
    .map((m): [string, string] => [m[1], m[2]])
    .filter(([what]) => what !== 'measurement' && !what.startsWith('---'));
  const find = (pattern: RegExp) => {
    const row = rows.find(([what]) => pattern.test(what));
    if (!row)
      throw new Error(`the broker benchmark printed no row matching ${pattern}; did its table change?\n${stdout}`);
    return row[1];
  };
  const ingress = [1, 16, 64].map((senders) => {
    const result = find(new RegExp(`^Ingress, ${senders} concurrent sender`));
    const [, perSecond, p50, p99] = result.match(/^([\d,]+) events\/s · p50 ([\d.]+ ms) · p99 ([\d.]+ ms)/) ?? [];
    return { senders, perSecond: number(perSecond ?? 'NaN'), p50, p99 };
  });
  return {
    rows,
    insert1: number(find(/INSERT, 1 connection/).match(/^([\d,]+)/)?.[1] ?? 'NaN'),
    insert16: number(find(/INSERT, 16 connections/).match(/^([\d,]+)/)?.[1] ?? 'NaN'),
    ingress,
    deliveriesPerSecond: number(find(/^Delivery of/).match(/^([\d,]+)/)?.[1] ?? 'NaN'),
  };
}
