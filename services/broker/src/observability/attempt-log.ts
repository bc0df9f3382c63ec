import { formatMs } from '../config/durations.js';

export interface AttemptReport {
  trigger: string;
  type: string;
  subject?: string;
  attempt: number;
  maxAttempts: number;
  /** HTTP status, or null when there was no answer. */
  status: number | null;
  error: string | null;
  durationMs: number;
  outcome: 'delivered' | 'retry' | 'dead';
  retryInMs?: number;
  /** For `dead`: the sink's URL, or undefined for the local store. */
  deadLetterSink?: string;
}

/**
 * One line per delivery attempt, to follow retries in a terminal:
 * `invoicing-issue-invoice  cabs.invoicing.issue-invoice 7d3f  attempt 3/11 → HTTP 503, retry in 1.6 s`
 */
export function describeAttempt(r: AttemptReport): string {
  const what = `${r.trigger}  ${r.type}${r.subject ? ` ${r.subject}` : ''}  attempt ${r.attempt}/${r.maxAttempts}`;
  if (r.outcome === 'delivered') return `${what} → delivered (${r.status}, ${formatMs(r.durationMs)})`;
  const why = r.error ?? `HTTP ${r.status}`;
  if (r.outcome === 'retry') return `${what} → ${why}, retry in ${formatMs(r.retryInMs ?? 0)}`;
  const exhausted = r.attempt >= r.maxAttempts && r.maxAttempts > 1 ? 'retries exhausted' : 'giving up';
  return `${what} → ${why}; ${exhausted}, dead letter ${r.deadLetterSink ? `to ${r.deadLetterSink}` : 'kept in the local store'}`;
}
