import type { Logger } from 'pino';
import { binaryModeHeaders, type MeshEvent } from '@cabs/cloudevents';
import { WakeSignal } from '@cabs/mesh-http';
import type { Mesh, MeshTrigger } from '../config/mesh.js';
import type { DeliveryHandoff, EventIntake } from '../ingress/event-intake.js';
import type { ActivityFeed } from '../observability/activity.js';
import { DeliveryReporter } from '../observability/delivery-reporter.js';
import type { BrokerMetrics } from '../observability/metrics.js';
import { NO_TRACING, type BrokerTracing } from '../observability/tracing.js';
import { Batcher } from '../store/batcher.js';
import { freshDelivery, type ClaimedDelivery, type DeliveryQueue, type Transition } from '../store/delivery-queue.js';
import type { IngestItem, LeasedDelivery } from '../store/event-store.js';
import { deadLetterEvent } from './dead-letter.js';
import { postBytes, type AttemptResult } from './http-post.js';
import { afterDeadLetterAttempt, afterSubscriberAttempt, keepDeadLetterLocally } from './next-step.js';
import { judgeDeadLetterSinkAnswer, judgeSubscriberAnswer } from './verdict.js';

export interface DispatcherOptions {
  /** Deliveries in flight per Trigger. */
  concurrency: number;
  /** How often to look for work nobody told this process about: other replicas' events, expired leases. */
  pollIntervalMs: number;
  /** Added to the longest attempt timeout to form the lease a claim holds. */
  leaseMarginMs: number;
  maxEventBytes: number;
  /** Sent as `Authorization: Bearer` on every delivery when set. */
  token?: string;
}

export interface DispatcherDeps {
  mesh: Mesh;
  queue: DeliveryQueue;
  intake: EventIntake;
  activity: ActivityFeed;
  metrics: BrokerMetrics;
  logger: Logger;
  /** Spans for each attempt; none by default. */
  tracing?: BrokerTracing;
}

/**
 * Takes due deliveries from PostgreSQL and POSTs them to their subscribers, concurrently but at most
 * `concurrency` per Trigger. Every outcome is written back (batched) before the slot is freed, so a
 * crash at any moment leaves each delivery either recorded or still leased, to be picked up again.
 *
 * New deliveries of this process's own ingress come straight from the intake, stored already leased to it while it
 * has room (`DeliveryHandoff`); it claims from the table only what may be waiting there — deliveries stored without
 * a slot, retries come due, other replicas' events, expired leases — and looks at least every poll interval.
 */
export class Dispatcher implements DeliveryHandoff {
  private readonly inFlight = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private readonly signal = new WakeSignal();
  private readonly outcomes: Batcher<Transition>;
  readonly leaseMs: number;
  private readonly reporter: DeliveryReporter;
  private loop: Promise<void> | undefined;
  private stopping = false;
  /** The table may hold deliveries due now that nobody handed over; false once a claim came back short. */
  private mayHaveDue = true;
  private lastClaimAt = 0;
  /** Triggers whose subscriber failed an attempt and has not answered one since: their retries wait out a backoff. */
  private readonly failing = new Set<string>();

  constructor(
    private readonly deps: DispatcherDeps,
    private readonly options: DispatcherOptions,
  ) {
    this.outcomes = new Batcher((transitions) => deps.queue.record(transitions), { maxBatch: 256, concurrency: 2 });
    const longestTimeout = Math.max(0, ...deps.mesh.triggers.map((t) => t.delivery.timeoutMs));
    this.leaseMs = longestTimeout + options.leaseMarginMs;
    this.reporter = new DeliveryReporter(deps.logger, deps.metrics, deps.activity);
  }

  start(): void {
    this.loop ??= this.loopOverClaims();
  }

  /** There may be new work in the table: look now rather than at the next poll. */
  wake(): void {
    this.mayHaveDue = true;
    this.signal.notify();
  }

  reserve(trigger: string): boolean {
    const busy = this.inFlight.get(trigger) ?? 0;
    if (this.stopping || !this.deps.mesh.trigger(trigger) || busy >= this.options.concurrency) return false;
    this.inFlight.set(trigger, busy + 1);
    return true;
  }

  release(triggers: string[]): void {
    for (const trigger of triggers) this.inFlight.set(trigger, (this.inFlight.get(trigger) ?? 1) - 1);
    this.signal.notify();
  }

  takeOver(deliveries: LeasedDelivery[], items: ReadonlyMap<string, IngestItem>): void {
    for (const delivery of deliveries) this.run(freshDelivery(delivery, items.get(delivery.eventId) as IngestItem));
  }

  /** Stops claiming, lets every delivery in flight finish and be recorded. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.signal.notify();
    await this.loop;
    // Deliveries handed over while the first ones finished are waited for too.
    while (this.running.size) await Promise.all(this.running);
    await this.outcomes.drained();
    for (const timer of this.retryTimers) clearTimeout(timer);
  }

  private async loopOverClaims(): Promise<void> {
    while (!this.stopping) {
      const room = this.room();
      const untilPoll = this.lastClaimAt + this.options.pollIntervalMs - Date.now();
      if (room.size === 0 || (!this.mayHaveDue && untilPoll > 0)) {
        await this.signal.wait(room.size === 0 ? this.options.pollIntervalMs : untilPoll);
        continue;
      }
      this.lastClaimAt = Date.now();
      this.mayHaveDue = false;
      let claimed: ClaimedDelivery[];
      try {
        claimed = await this.deps.queue.claim(room, this.leaseMs);
      } catch (err) {
        this.mayHaveDue = true;
        this.deps.logger.error(
          { err },
          `cannot claim deliveries: ${(err as Error).message}; trying again in ${this.options.pollIntervalMs} ms`,
        );
        await this.signal.wait(this.options.pollIntervalMs);
        continue;
      }
      for (const row of claimed) this.launch(row);
      // A Trigger that filled all the room it asked for may have more waiting: claim again once there is room.
      const taken = new Map<string, number>();
      for (const row of claimed) taken.set(row.trigger, (taken.get(row.trigger) ?? 0) + 1);
      if ([...room].some(([trigger, asked]) => (taken.get(trigger) ?? 0) >= asked)) this.mayHaveDue = true;
      if (claimed.length === 0) await this.signal.wait(this.options.pollIntervalMs);
    }
  }

  /**
   * How many deliveries to claim per Trigger. A busy Trigger waits until a quarter of its slots are free,
   * so claims come in batches rather than one round trip per finished delivery.
   */
  private room(): Map<string, number> {
    const room = new Map<string, number>();
    const batch = Math.ceil(this.options.concurrency / 4);
    for (const t of this.deps.mesh.triggers) {
      const busy = this.inFlight.get(t.name) ?? 0;
      const free = this.options.concurrency - busy;
      if (free >= batch || (busy === 0 && free > 0)) room.set(t.name, free);
    }
    return room;
  }

  private launch(row: ClaimedDelivery): void {
    this.inFlight.set(row.trigger, (this.inFlight.get(row.trigger) ?? 0) + 1);
    this.run(row);
  }

  /** Attempts a delivery whose slot is already counted in `inFlight`; the slot is freed when its outcome is recorded. */
  private run(row: ClaimedDelivery): void {
    const work = this.handle(row)
      .catch((err: unknown) => {
        // The outcome could not be recorded; the lease will expire and the delivery be attempted again.
        this.deps.logger.error(
          { err, deliveryId: row.id },
          `delivery ${row.id} of ${row.trigger}: ${(err as Error).message}; it will be retried when its lease expires`,
        );
      })
      .finally(() => {
        this.inFlight.set(row.trigger, (this.inFlight.get(row.trigger) ?? 1) - 1);
        this.running.delete(work);
        this.signal.notify();
      });
    this.running.add(work);
  }

  private async handle(row: ClaimedDelivery): Promise<void> {
    const trigger = this.deps.mesh.trigger(row.trigger);
    if (!trigger) throw new Error(`Trigger ${row.trigger} is not configured`);
    if (row.deadLetter === 'sending') await this.sendDeadLetter(row, trigger);
    else await this.attempt(row, trigger);
  }

  private async attempt(row: ClaimedDelivery, trigger: MeshTrigger): Promise<void> {
    this.reporter.attempting(row, trigger);
    const result = await this.post(trigger.subscriber.url, row, row.event, trigger, row.attempts + 1);
    let verdict = judgeSubscriberAnswer(result);
    if (verdict.outcome === 'delivered' && verdict.reply) {
      // The reply is stored (durably) before the delivery counts as done: at worst it is stored twice.
      try {
        await this.deps.intake.accept(row.namespace, row.broker, verdict.reply);
      } catch (err) {
        verdict = {
          outcome: 'retry',
          status: verdict.status,
          error: `the reply could not be stored (${(err as Error).message})`,
          body: null,
        };
      }
    }
    const transition = afterSubscriberAttempt(row, trigger.delivery, verdict, {
      subscriberUrl: trigger.subscriber.url,
      hasDeadLetterSink: trigger.deadLetterSink !== undefined,
    });
    await this.record(transition);
    this.reporter.attempted(row, trigger, verdict, transition, result.durationMs);
    if (verdict.outcome === 'retry') this.failing.add(trigger.name);
    else if (verdict.outcome === 'delivered' && this.failing.delete(trigger.name)) await this.recovered(trigger);
  }

  /**
   * The subscriber answers again (it restarted, or scaled up from zero): the deliveries that failed while it was
   * away are tried now rather than at the end of backoffs that doubled through the outage (docs/decisions/0015).
   */
  private async recovered(trigger: MeshTrigger): Promise<void> {
    try {
      const hurried = await this.deps.queue.hurry(trigger.name);
      if (hurried === 0) return;
      this.deps.logger.info(
        { trigger: trigger.name, hurried },
        `${trigger.name}: its subscriber answers again; ${hurried} waiting ${hurried === 1 ? 'retry is' : 'retries are'} due now`,
      );
      this.wake();
    } catch (err) {
      // They keep their backoff: nothing is lost, only later.
      this.deps.logger.warn(
        { trigger: trigger.name, err },
        `${trigger.name}: could not bring its waiting retries forward`,
      );
    }
  }

  private async sendDeadLetter(row: ClaimedDelivery, trigger: MeshTrigger): Promise<void> {
    if (!trigger.deadLetterSink) {
      await this.record(keepDeadLetterLocally(row));
      this.reporter.deadLetterKept(row, trigger, 'the Trigger no longer has a dead-letter sink');
      return;
    }
    const sink = trigger.deadLetterSink.url;
    const letter = deadLetterEvent(row.event, { dest: row.errorDest, status: row.lastStatus, body: row.lastResponse });
    const verdict = judgeDeadLetterSinkAnswer(await this.post(sink, row, letter, trigger, row.deadLetterAttempts + 1));
    const transition = afterDeadLetterAttempt(row, trigger.delivery, verdict);
    await this.record(transition);
    this.reporter.deadLetterAttempted(row, trigger, sink, verdict, transition);
  }

  private async post(
    url: string,
    row: ClaimedDelivery,
    event: MeshEvent,
    trigger: MeshTrigger,
    attempt: number,
  ): Promise<AttemptResult> {
    const headers: Record<string, string> = {
      ...binaryModeHeaders(event.attributes),
      prefer: 'reply',
      'kn-namespace': row.namespace,
    };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    // The W3C trace headers: the attempt's own span, or the event's trace context when nothing is traced here.
    const traced = (this.deps.tracing ?? NO_TRACING).delivering(trigger, attempt, event, url, headers);
    const result = await postBytes(url, event.data, {
      headers,
      timeoutMs: trigger.delivery.timeoutMs,
      maxBodyBytes: this.options.maxEventBytes,
    });
    traced.end(result);
    return result;
  }

  /** Writes the outcome, then wakes the loop when the row comes due again (a retry, a dead letter to send). */
  private async record(transition: Transition): Promise<void> {
    await this.outcomes.add(transition);
    const delay = transition.delayMs;
    if (delay === null || this.stopping) return;
    if (delay === 0) return this.wake();
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      this.wake();
    }, delay + 5);
    timer.unref();
    this.retryTimers.add(timer);
  }
}
