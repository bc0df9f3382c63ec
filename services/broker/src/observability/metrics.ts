import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Counts per Trigger and state of what is still to do, read from the database at scrape time. */
export type BacklogQuery = () => Promise<{ trigger: string; state: string; count: number }[]>;

/** The broker's Prometheus metrics, in a registry of its own (several brokers may share a test process). */
export class BrokerMetrics {
  readonly registry = new Registry();

  readonly accepted = new Counter({
    name: 'broker_events_accepted_total',
    help: 'Events accepted (202) at the ingress, replies included',
    labelNames: ['broker'] as const,
    registers: [this.registry],
  });
  readonly rejected = new Counter({
    name: 'broker_events_rejected_total',
    help: 'Ingress requests answered with an error, by status code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly delivered = new Counter({
    name: 'broker_deliveries_delivered_total',
    help: 'Deliveries that reached their subscriber',
    labelNames: ['trigger'] as const,
    registers: [this.registry],
  });
  readonly retried = new Counter({
    name: 'broker_deliveries_retried_total',
    help: 'Failed attempts that were scheduled for a retry',
    labelNames: ['trigger'] as const,
    registers: [this.registry],
  });
  readonly deadLettered = new Counter({
    name: 'broker_deliveries_dead_lettered_total',
    help: 'Deliveries that gave up on their subscriber, by where the dead letter went',
    labelNames: ['trigger', 'destination'] as const,
    registers: [this.registry],
  });
  readonly attemptDuration = new Histogram({
    name: 'broker_delivery_attempt_duration_seconds',
    help: 'Duration of one HTTP attempt to a subscriber',
    labelNames: ['trigger'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly deliveryLatency = new Histogram({
    name: 'broker_delivery_latency_seconds',
    help: 'From acceptance of the event to its successful delivery, retries included',
    labelNames: ['trigger'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900],
    registers: [this.registry],
  });

  constructor(backlog: BacklogQuery) {
    new Gauge({
      name: 'broker_backlog',
      help: 'Deliveries not yet delivered, per Trigger and state (pending, retrying, dead)',
      labelNames: ['trigger', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const { trigger, state, count } of await backlog()) this.set({ trigger, state }, count);
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }
}
