import { Inject, Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { validateValue } from '@cabs/contracts';
import { PLATFORM_ENV } from '@cabs/platform';
import type { ReconcilePolicy } from '../domain/settlement.js';

const ReconcileEnv = Type.Object({
  RECONCILE_INTERVAL_MS: Type.Integer({ minimum: 1, default: 10_000 }),
  RECONCILE_GRACE_MS: Type.Integer({ minimum: 0, default: 60_000 }),
  // At least 1 ms: each round must move a ride's next look into the future.
  RECONCILE_BACKOFF_MS: Type.Integer({ minimum: 1, default: 60_000 }),
  RECONCILE_MAX_ROUNDS: Type.Integer({ minimum: 0, default: 5 }),
});

/**
 * How the settlement reconciler runs, read once from the environment at start-up:
 * `RECONCILE_INTERVAL_MS` (how often it looks for rides due), `RECONCILE_GRACE_MS` (how long
 * answers may take after completion), `RECONCILE_BACKOFF_MS` (the wait after the first round,
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

  constructor(@Inject(PLATFORM_ENV) env: Record<string, unknown>) {
    const raw = Object.fromEntries(Object.keys(ReconcileEnv.properties).map((name) => [name, env[name]]));
    const checked = validateValue(
      ReconcileEnv,
      Value.Default(ReconcileEnv, Value.Convert(ReconcileEnv, raw)),
      'environment',
    );
    if (!checked.ok) throw new Error(`Invalid environment:\n  ${checked.errors.join('\n  ')}`);
    this.intervalMs = checked.value.RECONCILE_INTERVAL_MS;
    this.gracePeriodMs = checked.value.RECONCILE_GRACE_MS;
    this.backoffMs = checked.value.RECONCILE_BACKOFF_MS;
    this.maxRounds = checked.value.RECONCILE_MAX_ROUNDS;
  }
}
