/** The p-th percentile (0–100) of a list of numbers, nearest-rank; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const perSecond = (count: number, ms: number): number => (ms > 0 ? (count / ms) * 1000 : NaN);

/** Milliseconds as people read them: 3.41 ms, 189.6 ms, 2.31 s. */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms`;
}

export const fmtInt = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');

export const fmtRate = (n: number): string => (Number.isFinite(n) ? (n < 100 ? n.toFixed(1) : fmtInt(n)) : '–');

/** p50 and p99 of latencies, as one table cell. */
export const p50p99 = (values: readonly number[]): string =>
  values.length ? `p50 ${fmtMs(percentile(values, 50))} · p99 ${fmtMs(percentile(values, 99))}` : '–';
