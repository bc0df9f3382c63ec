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

  it('takes each setting from its RECONCILE_ variable', () => {
    const policy = new ConfiguredReconcilePolicy({
      RECONCILE_INTERVAL_MS: '50',
      RECONCILE_GRACE_MS: '0',
      RECONCILE_BACKOFF_MS: '200',
      RECONCILE_MAX_ROUNDS: '2',
    });
    expect({ ...policy }).toEqual({ intervalMs: 50, gracePeriodMs: 0, backoffMs: 200, maxRounds: 2 });
  });

  it('refuses, naming the variable, a value that is not a whole number in range', () => {
    expect(() => new ConfiguredReconcilePolicy({ RECONCILE_INTERVAL_MS: '0' })).toThrow(
      /RECONCILE_INTERVAL_MS: must be at least 1/,
    );
    expect(() => new ConfiguredReconcilePolicy({ RECONCILE_GRACE_MS: 'a minute' })).toThrow(
      /RECONCILE_GRACE_MS: must be an integer/,
    );
    expect(() => new ConfiguredReconcilePolicy({ RECONCILE_BACKOFF_MS: '0' })).toThrow(
      /RECONCILE_BACKOFF_MS: must be at least 1/,
    );
    expect(() => new ConfiguredReconcilePolicy({ RECONCILE_MAX_ROUNDS: '-1' })).toThrow(
      /RECONCILE_MAX_ROUNDS: must be at least 0/,
    );
  });
});
