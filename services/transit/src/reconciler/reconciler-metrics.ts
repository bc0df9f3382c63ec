import { Counter, Gauge } from 'prom-client';

let needingAttention: (() => Promise<number>) | undefined;

/** The reconciler tells the gauge how to count; counted in the database on each scrape, so every replica agrees. */
export function reportRidesNeedingAttention(source: () => Promise<number>): void {
  needingAttention = source;
}

/** The reconciler's Prometheus metrics, on the platform's /metrics (prom-client's default registry). */
export const reconcilerMetrics = {
  ridesReconciled: new Counter<'outcome'>({
    name: 'cabs_reconciler_rides_reconciled_total',
    help: 'Rides the reconciler looked at, by what it decided (settled, waiting, reissued, needs-attention)',
    labelNames: ['outcome'],
  }),
  commandsReissued: new Counter<'type'>({
    name: 'cabs_reconciler_commands_reissued_total',
    help: 'Commands sent again through the outbox because their answer had not arrived, by type',
    labelNames: ['type'],
  }),
  ridesNeedingAttention: new Gauge({
    name: 'cabs_reconciler_rides_needing_attention',
    help: 'Completed rides with a step still unanswered after the last reconcile round: a person must look',
    async collect() {
      if (needingAttention) this.set(await needingAttention().catch(() => Number.NaN));
    },
  }),
};
