import type { Logger } from 'pino';
import type { MeshTrigger } from '../config/mesh.js';
import { formatMs } from '../config/durations.js';
import type { ClaimedDelivery, Transition } from '../store/delivery-queue.js';
import type { Verdict } from '../dispatch/verdict.js';
import type { ActivityFeed } from './activity.js';
import { describeAttempt } from './attempt-log.js';
import type { BrokerMetrics } from './metrics.js';

/** Tells logs, metrics and the activity stream what became of each attempt, in one place. */
export class DeliveryReporter {
  constructor(
    private readonly logger: Logger,
    private readonly metrics: BrokerMetrics,
    private readonly activity: ActivityFeed,
  ) {}

  attempting(row: ClaimedDelivery, trigger: MeshTrigger): void {
    this.activity.publish({
      kind: 'delivery.attempted',
      ...about(row, trigger),
      attempt: row.attempts + 1,
      maxAttempts: trigger.delivery.retry + 1,
    });
  }

  attempted(
    row: ClaimedDelivery,
    trigger: MeshTrigger,
    verdict: Verdict,
    transition: Transition,
    durationMs: number,
  ): void {
    const labels = { trigger: trigger.name };
    const status = verdict.status;
    const error = verdict.outcome === 'delivered' ? null : verdict.error;
    const facts = {
      ...about(row, trigger),
      attempt: transition.attempts,
      maxAttempts: trigger.delivery.retry + 1,
      status,
      error,
      durationMs,
    };
    const line = { ...facts, type: facts.type ?? '' };
    this.metrics.attemptDuration.observe(labels, durationMs / 1000);

    if (transition.state === 'delivered') {
      this.metrics.delivered.inc(labels);
      this.metrics.deliveryLatency.observe(labels, (Date.now() - row.receivedAt.getTime()) / 1000);
      this.activity.publish({ kind: 'delivery.succeeded', ...facts });
      // At full speed the success lines are usually off; do not even build them then.
      if (this.logger.isLevelEnabled('info'))
        this.logger.info(facts, describeAttempt({ ...line, outcome: 'delivered' }));
    } else if (transition.state === 'retrying') {
      const retryInMs = transition.delayMs ?? 0;
      this.metrics.retried.inc(labels);
      this.activity.publish({
        kind: 'delivery.retry-scheduled',
        ...facts,
        nextAttemptAt: new Date(Date.now() + retryInMs).toISOString(),
      });
      this.logger.warn({ ...facts, retryInMs }, describeAttempt({ ...line, outcome: 'retry', retryInMs }));
    } else {
      const sink = trigger.deadLetterSink?.url;
      this.metrics.deadLettered.inc({ ...labels, destination: sink ? 'sink' : 'local' });
      this.activity.publish({ kind: 'delivery.dead-lettered', ...facts, deadLetter: sink ?? 'local' });
      this.logger.error(
        { ...facts, deadLetter: sink ?? 'local' },
        describeAttempt({ ...line, outcome: 'dead', deadLetterSink: sink }),
      );
    }
  }

  deadLetterAttempted(
    row: ClaimedDelivery,
    trigger: MeshTrigger,
    sink: string,
    verdict: Verdict,
    transition: Transition,
  ): void {
    const facts = about(row, trigger);
    const error = verdict.outcome === 'delivered' ? null : verdict.error;
    const what = `dead letter of ${trigger.name}  ${facts.type}${facts.subject ? ` ${facts.subject}` : ''} to ${sink}, attempt ${transition.deadLetterAttempts}/${trigger.delivery.retry + 1}`;
    if (transition.deadLetter === 'sink') {
      this.activity.publish({ kind: 'dead-letter.sent', ...facts, status: verdict.status, deadLetter: sink });
      this.logger.info(facts, `${what} → accepted (${verdict.status})`);
    } else if (transition.deadLetter === 'sending') {
      this.logger.warn({ ...facts, error }, `${what} → ${error}, retry in ${formatMs(transition.delayMs ?? 0)}`);
    } else {
      this.deadLetterKept(row, trigger, error);
    }
  }

  deadLetterKept(row: ClaimedDelivery, trigger: MeshTrigger, error: string | null): void {
    const facts = about(row, trigger);
    this.activity.publish({ kind: 'dead-letter.kept', ...facts, error, deadLetter: 'local' });
    this.logger.error(
      { ...facts, error },
      `dead letter of ${trigger.name}  ${facts.type}: ${error ?? 'no dead-letter sink'}; kept in the local store`,
    );
  }
}

function about(row: ClaimedDelivery, trigger: MeshTrigger) {
  const { type, source, id, subject } = row.event.attributes;
  return { deliveryId: row.id, eventId: row.eventId, trigger: trigger.name, type, source, id, subject };
}
