import { Counter, Gauge, Histogram } from 'prom-client';

/** The chassis' Prometheus metrics, on the platform's /metrics. */
export const meshMetrics = {
  eventsHandled: new Counter({
    name: 'cabs_mesh_events_handled_total',
    help: 'CloudEvents received from the mesh, by type and outcome (handled, duplicate, invalid, retry, rejected, error)',
    labelNames: ['type', 'outcome'],
  }),
  handleDuration: new Histogram({
    name: 'cabs_mesh_handle_duration_seconds',
    help: 'Time to handle one CloudEvent, transaction included',
    labelNames: ['type'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  }),
  outboxPublished: new Counter({
    name: 'cabs_mesh_outbox_published_total',
    help: 'Outbox events published to the mesh (sent) or not yet (failed, to be retried)',
    labelNames: ['outcome'],
  }),
};

let backlogSource: (() => Promise<number>) | undefined;

/** The relay tells the gauge how to count unsent events; counted on each scrape. */
export function reportOutboxBacklog(source: () => Promise<number>): void {
  backlogSource = source;
}

export const outboxBacklog = new Gauge({
  name: 'cabs_mesh_outbox_backlog',
  help: 'Outbox events written but not yet accepted by the mesh',
  async collect() {
    if (backlogSource) this.set(await backlogSource().catch(() => Number.NaN));
  },
});
