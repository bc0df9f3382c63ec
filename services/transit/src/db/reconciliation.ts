import type { SqlClient, TraceHeaders } from '@cabs/platform';
import type { ReconcileDecision, SettlementProgress } from '../domain/settlement.js';
import type { CompletedTransit } from '../domain/transit.js';
import { settlementOf, TRANSIT_SELECT, type TransitRow } from './transit-rows.js';

/*
 * The reconciler's bookkeeping on the transits table: `next_reconcile_at` says when to look at a
 * ride again (null: nothing left to wait for), `reconcile_rounds` and `last_reconciled_at` how
 * often and when it last asked again for missing answers.
 */

/**
 * Claims the completed ride due longest, except those `passedOver`, holding its row until the
 * transaction ends. SKIP LOCKED lets several replicas reconcile side by side without ever working
 * on the same ride, and passes over a ride a handler is changing right now (the next round gets it).
 */
export async function claimDueRide(
  tx: SqlClient,
  now: Date,
  passedOver: readonly string[] = [],
): Promise<TransitRow | null> {
  const [due] = await tx.query<TransitRow>(
    `${TRANSIT_SELECT}
      WHERE t.status = 'completed' AND t.next_reconcile_at <= $1 AND t.id <> ALL($2::uuid[])
      ORDER BY t.next_reconcile_at
      LIMIT 1
        FOR UPDATE OF t SKIP LOCKED`,
    [now, passedOver],
  );
  return due ?? null;
}

export function progressOf(transit: CompletedTransit, row: TransitRow): SettlementProgress {
  return { transit, settlement: settlementOf(row), rounds: row.reconcileRounds, lastRoundAt: row.lastReconciledAt };
}

/** Remembers the decision: a round that re-issued commands is counted, and the next look is scheduled (or none). */
export async function recordDecision(
  tx: SqlClient,
  transitId: string,
  decision: ReconcileDecision,
  now: Date,
): Promise<void> {
  const round = decision.reissue.length > 0;
  await tx.execute(
    `UPDATE transits SET next_reconcile_at = $2,
            reconcile_rounds = reconcile_rounds + CASE WHEN $3 THEN 1 ELSE 0 END,
            last_reconciled_at = CASE WHEN $3 THEN $4 ELSE last_reconciled_at END
      WHERE id = $1`,
    [transitId, decision.nextCheckAt, round, now],
  );
}

/**
 * The trace of the ride's settlement, as stored with the last event queued about it (by its
 * completion or an earlier round): commands asked for again join it, so one ride stays one
 * trace however long it takes to settle.
 */
export async function settlementTrace(tx: SqlClient, transitId: string): Promise<TraceHeaders> {
  const [last] = await tx.query<{ extensions: TraceHeaders }>(
    'SELECT extensions FROM mesh_outbox WHERE subject = $1 ORDER BY seq DESC LIMIT 1',
    [transitId],
  );
  return last?.extensions ?? {};
}

/**
 * Completed rides the reconciler stopped asking about while a step is still unanswered. The
 * unanswered test mirrors `SETTLEMENT_STEPS` (fee, invoice, driverFreed) in SQL, so the count
 * stays one query however many rides there are.
 */
export async function countRidesNeedingAttention(db: SqlClient): Promise<number> {
  const [{ count }] = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM transits
      WHERE status = 'completed' AND next_reconcile_at IS NULL
        AND (fee_amount IS NULL OR invoice_id IS NULL OR NOT driver_freed)`,
  );
  return count;
}
