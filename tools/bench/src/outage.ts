import type { Supervisor, SystemPorts } from '@cabs/devstack';
import { auditRides, type Audit } from './ride-audit.js';
import { openLoop, type Completion, type Ride, type RideRecord } from './ride-load.js';

export interface OutagePlan {
  ratePerS: number;
  /** Invoicing runs this long, is SIGKILLed for `downMs`, then started again and the load goes on for `afterMs`. */
  beforeMs: number;
  downMs: number;
  afterMs: number;
}

export interface OutageResult {
  records: RideRecord[];
  /** Offset from the start of the load. */
  restartedAt: number;
  /** Invoicing's start-up: started again → ready. */
  invoicingStartMs: number;
  failed: number;
  /** Failed requests by the call that failed, with one error each as an example. */
  failedAt: Map<string, { count: number; example: string }>;
  audit: Audit;
  /**
   * Restart → recovered. For the mesh: every ride completed before invoicing was back is settled (the
   * backlog is through). For the chain: the first rider request that succeeds again.
   */
  recoveryMs: number;
}

/** A steady stream of ride completions, with invoicing SIGKILLed in the middle and started again later. */
export async function runOutage(options: {
  ports: SystemPorts;
  supervisor: Supervisor;
  rides: readonly Ride[];
  plan: OutagePlan;
  complete: (ride: Ride) => Promise<Completion>;
  /** The mesh keeps settling after the load: wait for it (bounded by the retry budget), then audit. */
  waitForSettlement: boolean;
}): Promise<OutageResult> {
  const { plan, supervisor } = options;
  let restartedAt = NaN;
  let invoicingStartMs = NaN;
  const run = await openLoop({
    ratePerS: plan.ratePerS,
    durationMs: plan.beforeMs + plan.downMs + plan.afterMs,
    rides: options.rides,
    complete: options.complete,
    at: [
      [plan.beforeMs, () => supervisor.stop('invoicing', { kill: true })],
      [
        plan.beforeMs + plan.downMs,
        async (started) => {
          restartedAt = performance.now() - started;
          await supervisor.start('invoicing');
          invoicingStartMs = performance.now() - started - restartedAt;
        },
      ],
    ],
  });
  const started = run.started;
  if (options.waitForSettlement) await run.settled;
  const records = run.records;
  const failedAt = new Map<string, { count: number; example: string }>();
  for (const { failedAt: why = 'unknown' } of records.filter((r) => !r.ok)) {
    const step = why.split(' (')[0];
    const seen = failedAt.get(step) ?? { count: 0, example: why };
    failedAt.set(step, { ...seen, count: seen.count + 1 });
  }

  const restart = started + restartedAt;
  const recoveryMs = options.waitForSettlement
    ? Math.max(0, ...records.filter((r) => r.sentAt < restart).map((r) => (r.settledAt ?? Infinity) - restart))
    : Math.min(...records.filter((r) => r.ok && r.sentAt >= restart).map((r) => r.answeredAt - restart));
  return {
    records,
    restartedAt,
    invoicingStartMs,
    failed: records.length - records.filter((r) => r.ok).length,
    failedAt,
    audit: await auditRides(
      options.ports,
      records.map((r) => r.id),
    ),
    recoveryMs,
  };
}
