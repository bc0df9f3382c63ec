import type { RateResult } from './rate-run.js';
import { allSettled, settleP99 } from './rate-run.js';

export interface MaxRateResult {
  /** Each rate tried, in order, with its run. */
  tried: RateResult[];
  /** The highest rate at which every ride settled with 202 → settled p99 within `limitMs`; undefined if none. */
  sustained?: number;
  limitMs: number;
}

/**
 * Offered rates in ascending steps, each an open-loop run of its own, until one fails the bar (a ride not settled,
 * or settle p99 above `limitMs`) or the list ends: the highest one that passed is what the system sustains.
 */
export async function findMaxRate(
  rates: readonly number[],
  limitMs: number,
  run: (ratePerS: number) => Promise<RateResult>,
): Promise<MaxRateResult> {
  const tried: RateResult[] = [];
  let sustained: number | undefined;
  for (const rate of rates) {
    const result = await run(rate);
    tried.push(result);
    if (!allSettled(result) || !(settleP99(result) <= limitMs)) break;
    sustained = rate;
  }
  return { tried, sustained, limitMs };
}
