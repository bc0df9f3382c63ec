import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import { UnitOfWork, type WriteContext } from '@cabs/mesh';
import { WakeSignal } from '@cabs/mesh-http';
import { Clock, contextFromTraceHeaders, SqlDatabase } from '@cabs/platform';
import { ConfiguredReconcilePolicy } from '../config/reconcile-policy.js';
import {
  claimDueRide,
  countRidesNeedingAttention,
  progressOf,
  recordDecision,
  settlementTrace,
} from '../db/reconciliation.js';
import { transitOf } from '../db/transit-rows.js';
import { reconcile, type ReconcileDecision } from '../domain/settlement.js';
import { isCompleted, type CompletedTransit } from '../domain/transit.js';
import { emitFollowUps } from '../events/follow-up-events.js';
import { reconcilerMetrics, reportRidesNeedingAttention } from './reconciler-metrics.js';

/** A round looks at this many rides at most, so a shutdown waits for a short round, not for a backlog. */
export const RIDES_PER_ROUND = 100;

const tracer = trace.getTracer('@cabs/transit');

interface Reconciled {
  readonly transitId: string;
  /** Rounds after this decision. */
  readonly rounds: number;
  readonly decision: ReconcileDecision;
}

type Attempt = Reconciled | { readonly transitId: string; readonly error: Error } | 'none-due';

/**
 * The reconcile loop, applied to rides: the desired state of a completed ride is "fee known,
 * invoice issued, driver freed"; the actual state is what the answers told this service so far.
 * Every interval it looks at the rides due and lets `reconcile` decide; commands still unanswered
 * are sent again through the outbox (new event ids, the receivers are idempotent per ride), and a
 * ride still unsettled after the last round is left for a person.
 */
@Injectable()
export class SettlementReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Reconciler');
  private running = false;
  private loop?: Promise<void>;
  /** Woken by the shutdown, so it need not wait out the interval. */
  private readonly signal = new WakeSignal();

  constructor(
    private readonly work: UnitOfWork,
    sql: SqlDatabase,
    private readonly policy: ConfiguredReconcilePolicy,
    private readonly clock: Clock,
  ) {
    reportRidesNeedingAttention(() => countRidesNeedingAttention(sql));
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Lets the round in flight finish (one short transaction per ride), then stops. */
  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.signal.notify();
    await this.loop;
  }

  /** One round: the rides due by `now`, each in a transaction of its own; returns how many were looked at. */
  async reconcileDue(now = this.clock.now()): Promise<number> {
    // A ride that cannot be reconciled (a bug, bad data) must not hold up the others behind it.
    const passedOver: string[] = [];
    let looked = 0;
    while (looked < RIDES_PER_ROUND) {
      const attempt = await this.reconcileNext(now, passedOver);
      if (attempt === 'none-due') break;
      looked++;
      if ('error' in attempt) {
        passedOver.push(attempt.transitId);
        this.logger.error(
          `Ride ${attempt.transitId} could not be reconciled, trying again next round: ${attempt.error.message}`,
        );
      } else {
        this.report(attempt);
      }
    }
    return looked;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let full = false;
      try {
        full = (await this.reconcileDue()) === RIDES_PER_ROUND;
      } catch (err) {
        this.logger.error(
          `Reconcile round failed, trying again in ${this.policy.intervalMs} ms: ${(err as Error).message}`,
        );
      }
      // A full round means more rides are due: go on at once.
      if (this.running && !full) await this.signal.wait(this.policy.intervalMs);
    }
  }

  private async reconcileNext(now: Date, passedOver: readonly string[]): Promise<Attempt> {
    let claimed: string | undefined;
    try {
      return await this.work.run(async (write) => {
        const { tx } = write;
        const row = await claimDueRide(tx, now, passedOver);
        if (!row) return 'none-due';
        claimed = row.id;
        const transit = transitOf(row);
        if (!isCompleted(transit)) throw new Error(`it is ${transit.status}, yet due for reconciling`);

        const decision = reconcile(progressOf(transit, row), now, this.policy);
        if (decision.reissue.length > 0) await this.reissue(write, transit, decision, row.reconcileRounds + 1);
        await recordDecision(tx, transit.id, decision, now);
        return { transitId: transit.id, rounds: row.reconcileRounds + (decision.reissue.length > 0 ? 1 : 0), decision };
      });
    } catch (err) {
      if (claimed === undefined) throw err;
      return { transitId: claimed, error: err as Error };
    }
  }

  /** Queues the commands again, in the ride's own trace. */
  private async reissue(
    { tx, emit }: WriteContext,
    transit: CompletedTransit,
    decision: ReconcileDecision,
    round: number,
  ): Promise<void> {
    const parent = contextFromTraceHeaders(await settlementTrace(tx, transit.id));
    const attributes = { 'cabs.transit_id': transit.id, 'cabs.reconcile_round': round };
    tracer.startActiveSpan('reconcile settlement', { attributes }, parent, (span) => {
      try {
        emitFollowUps(emit, decision.reissue);
      } finally {
        span.end();
      }
    });
  }

  /** Metrics and log lines, once the decision is committed. */
  private report({ transitId, rounds, decision }: Reconciled): void {
    reconcilerMetrics.ridesReconciled.inc({ outcome: decision.outcome });
    const nextLook = decision.nextCheckAt?.toISOString();
    for (const command of decision.reissue) {
      reconcilerMetrics.commandsReissued.inc({ type: command.type });
      this.logger.log(
        `Ride ${transitId}: no answer yet to ${command.type}; sent it again (round ${rounds} of ${this.policy.maxRounds}, next look at ${nextLook})`,
      );
    }
    if (decision.outcome === 'needs-attention') {
      const unanswered = Object.keys(decision.steps).filter((step) => decision.steps[step] === 'needs-attention');
      this.logger.warn(
        `Ride ${transitId}: ${unanswered.join(' and ')} still unanswered after ${rounds} rounds; stopped asking, a person must look`,
      );
    }
  }
}
