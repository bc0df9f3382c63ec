import { describe, expect, it } from 'vitest';
import { ConfiguredReconcilePolicy } from './reconcile-policy.js';

describe('the reconcile policy read from the environment', () => {
  it('defaults to a look every 10 s, a minute of grace, a minute of backoff doubling per round, and 5 rounds', () => {
    expect({ ...new ConfiguredReconcilePolicy({}) }).toEqual({
      intervalMs: 10_000,
      gracePeriodMs: 60_000,
      backoffMs: 60_000,
      maxRounds: 5,
    });
  });

  it('takes each setting from its RECONCILE_ variable, durations in ISO 8601', () => {
    const policy = new ConfiguredReconcilePolicy({
      RECONCILE_INTERVAL: 'PT0.05S',
      RECONCILE_GRACE: 'PT0S',
      RECONCILE_BACKOFF: 'PT0.2S',
      RECONCILE_MAX_ROUNDS: '2',
    });
    expect({ ...policy }).toEqual({ intervalMs: 50, gracePeriodMs: 0, backoffMs: 200, maxRounds: 2 });
  });

  it('refuses, naming the variable, a duration that is not one or is zero, and rounds that are not a count', () => {
    expect(() => new ConfiguredReconcilePolicy({ RECONCILE_INTERVAL: 'PT0S' })).toThrow(
      'RECONCILE_INTERVAL: must be longer than zero (got "PT0S")',
    );
    expect(() => new ConfiguredReconcilePolicy({ RECONCILE_GRACE: 'a minute' })).toThrow(
      'RECONCILE_GRACE: must be an ISO 8601 duration such as PT0.2S, PT30S or PT15M (got "a minute")',
    );
    expect(() => new ConfiguredReconcilePolicy({ RECONCILE_BACKOFF: '60000' })).toThrow(
      'RECONCILE_BACKOFF: must be an ISO 8601 duration such as PT0.2S, PT30S or PT15M (got "60000")',
    );
    expect(() => new ConfiguredReconcilePolicy({ RECONCILE_GRACE_MS: '900000' })).toThrow(
      'RECONCILE_GRACE_MS: was renamed: set RECONCILE_GRACE=PT1M (ISO 8601) instead',
    );
    expect(() => new ConfiguredReconcilePolicy({ RECONCILE_MAX_ROUNDS: '-1' })).toThrow(
      'RECONCILE_MAX_ROUNDS: must be at least 0 (got -1)',
    );
  });
});
