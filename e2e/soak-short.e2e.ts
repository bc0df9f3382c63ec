import { describe, expect, it } from 'vitest';
import { DEFAULT_SOAK, renderReport, runSoak } from '@cabs/soak';

/**
 * The chaos soak's short variant (`npm run soak` is the long one, docs/reliability.md): a few hundred rides while
 * every process is SIGKILLed once, in a random order at random moments, and PostgreSQL is restarted once. The same
 * code and invariants as the long run, so what passes here is what the recorded table claims.
 */
describe('chaos soak, short', () => {
  it('settles every ride exactly once, with gap-free invoice numbers, through SIGKILLs and a PostgreSQL restart', async () => {
    const lines: string[] = [];
    const result = await runSoak(
      {
        ...DEFAULT_SOAK,
        rides: 300,
        rate: 5,
        seed: 20_261_123,
        faultIntervalMs: [1_500, 4_000],
        maxDownMs: 2_000,
        faultRounds: 1,
        drivers: 30,
        drainTimeoutMs: 240_000,
      },
      (line) => lines.push(line),
    );
    const report = renderReport(result);
    console.log(`${lines.join('\n')}\n\n${report}`);

    expect(
      result.invariants.filter((i) => !i.ok),
      report,
    ).toEqual([]);
    // What riders were told while the database restarted: 503 ("try again"), never an anonymous 500. (A 409 can be
    // the answer to a step sent again whose first try had worked; the rider checks the ride and goes on.)
    const statusOf = ([answer]: [string, number]) => Number(answer.split(' ').at(-1));
    expect(result.ledger.failures().filter((f) => statusOf(f) >= 500 && statusOf(f) !== 503)).toEqual([]);
    // Every process was killed (and came back), and so was the database: the faults really happened.
    const hit = new Set(result.faults.map((f) => `${f.what} ${f.target}`));
    expect([...hit].sort()).toEqual([
      'SIGKILL broker',
      'SIGKILL drivers',
      'SIGKILL fees',
      'SIGKILL invoicing',
      'SIGKILL notifications',
      'SIGKILL transit',
      'restart postgres',
    ]);
  }, 600_000);
});
