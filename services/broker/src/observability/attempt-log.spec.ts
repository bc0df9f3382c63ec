import { describe, expect, it } from 'vitest';
import { describeAttempt } from './attempt-log.js';

const base = {
  trigger: 'invoicing-issue-invoice',
  type: 'cabs.invoicing.issue-invoice',
  subject: '7d3f',
  maxAttempts: 11,
  durationMs: 12,
};

describe('the attempt log line', () => {
  it('reads as a sentence an attendee can follow', () => {
    expect(describeAttempt({ ...base, attempt: 1, status: 202, error: null, outcome: 'delivered' })).toBe(
      'invoicing-issue-invoice  cabs.invoicing.issue-invoice 7d3f  attempt 1/11 → delivered (202, 12 ms)',
    );
    expect(
      describeAttempt({ ...base, attempt: 3, status: 503, error: 'HTTP 503', outcome: 'retry', retryInMs: 1600 }),
    ).toBe('invoicing-issue-invoice  cabs.invoicing.issue-invoice 7d3f  attempt 3/11 → HTTP 503, retry in 1.6 s');
    expect(
      describeAttempt({
        ...base,
        attempt: 1,
        status: null,
        error: 'connection refused (ECONNREFUSED)',
        outcome: 'retry',
        retryInMs: 400,
      }),
    ).toContain('→ connection refused (ECONNREFUSED), retry in 400 ms');
    expect(describeAttempt({ ...base, attempt: 11, status: 503, error: 'HTTP 503', outcome: 'dead' })).toContain(
      'retries exhausted, dead letter kept in the local store',
    );
    expect(
      describeAttempt({
        ...base,
        attempt: 1,
        status: 422,
        error: 'HTTP 422, which is not retried',
        outcome: 'dead',
        deadLetterSink: 'http://dls',
      }),
    ).toContain('giving up, dead letter to http://dls');
  });
});
