import { Inject, Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import { Duration, readEnv, Renamed, type Environment } from '@cabs/contracts';
import { PLATFORM_ENV } from '@cabs/platform';
import type { ReconcilePolicy } from '../domain/settlement.js';

const ReconcileEnv = Type.Object({
  RECONCILE_INTERVAL: Duration({ default: 'PT10S', positive: true }),
  RECONCILE_GRACE: Duration({ default: 'PT1M' }),
  // Longer than zero: each round must move a ride's next look into the future.
  RECONCILE_BACKOFF: Duration({ default: 'PT1M', positive: true }),
  RECONCILE_MAX_ROUNDS: Type.Integer({ minimum: 0, default: 5 }),
  // The names they had in milliseconds: refused, saying what to set instead, rather than silently ignored.
  RECONCILE_INTERVAL_MS: Renamed('RECONCILE_INTERVAL', 'PT10S'),
  RECONCILE_GRACE_MS: Renamed('RECONCILE_GRACE', 'PT1M'),
  RECONCILE_BACKOFF_MS: Renamed('RECONCILE_BACKOFF', 'PT1M'),
});

/**
 * How the settlement reconciler runs, read once from the environment at start-up:
 * `RECONCILE_INTERVAL` (how often it looks for rides due), `RECONCILE_GRACE` (how long
 * answers may take after completion), `RECONCILE_BACKOFF` (the wait after the first round,
 * doubling per round) and `RECONCILE_MAX_ROUNDS` (rounds before a person must look).
 * With the defaults an unanswered step is asked for again 1, 2, 4, 8 and 16 minutes after
 * completion and handed to a person after 32. A wrong value stops the service at once.
 */
@Injectable()
export class ConfiguredReconcilePolicy implements ReconcilePolicy {
  readonly intervalMs: number;
  readonly gracePeriodMs: number;
  readonly backoffMs: number;
  readonly maxRounds: number;

  constructor(@Inject(PLATFORM_ENV) env: Environment) {
    const read = readEnv(ReconcileEnv, env);
    this.intervalMs = read.RECONCILE_INTERVAL;
    this.gracePeriodMs = read.RECONCILE_GRACE;
    this.backoffMs = read.RECONCILE_BACKOFF;
    this.maxRounds = read.RECONCILE_MAX_ROUNDS;
  }
}
