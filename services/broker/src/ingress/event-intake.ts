import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { MeshEvent } from '@cabs/cloudevents';
import type { Mesh } from '../config/mesh.js';
import type { ActivityFeed } from '../observability/activity.js';
import type { BrokerMetrics } from '../observability/metrics.js';
import { Batcher } from '../store/batcher.js';
import { insertEvents, type IngestItem, type LeasedDelivery } from '../store/event-store.js';

/**
 * The local dispatcher, as the intake sees it: it may take a new delivery at once (a free slot for its Trigger), in
 * which case the delivery is stored leased to it and handed over after the commit — no claim query, no wait for the
 * dispatcher's next look.
 */
export interface DeliveryHandoff {
  /** How long a handed-over delivery stays leased: as long as a claim's lease. */
  readonly leaseMs: number;
  /** Takes a slot for one delivery of `trigger`, if there is one. */
  reserve(trigger: string): boolean;
  /** Gives back slots whose deliveries were not stored after all. */
  release(triggers: string[]): void;
  /** The stored deliveries, leased to it: to be attempted now. */
  takeOver(deliveries: LeasedDelivery[], items: ReadonlyMap<string, IngestItem>): void;
}

export interface IntakeDeps {
  pool: pg.Pool;
  mesh: Mesh;
  activity: ActivityFeed;
  metrics: BrokerMetrics;
  logger: Logger;
  /** Called after a durable write that stored deliveries nobody took yet, so the dispatcher claims them at once. */
  onAccepted: () => void;
}

/**
 * Where events enter the mesh — from the ingress and from subscribers' replies alike: routed against every
 * Trigger of their broker, then stored with one delivery per match. The promise resolves only once
 * that is durably committed; concurrent events share a commit (group commit).
 */
export class EventIntake {
  private readonly writer: Batcher<IngestItem>;
  private handoff?: DeliveryHandoff;

  constructor(private readonly deps: IntakeDeps) {
    this.writer = new Batcher((items) => this.store(items), { maxBatch: 256, concurrency: 2 });
  }

  /** From now on, deliveries the dispatcher has room for are handed to it directly. */
  handOffTo(dispatcher: DeliveryHandoff): void {
    this.handoff = dispatcher;
  }

  async accept(namespace: string, broker: string, event: MeshEvent): Promise<IngestItem> {
    const triggers = this.deps.mesh.route(namespace, broker, event.attributes).map((t) => t.name);
    const leased = triggers.map((trigger) => this.handoff?.reserve(trigger) ?? false);
    const item: IngestItem = { eventId: randomUUID(), namespace, broker, event, triggers, leased };
    await this.writer.add(item);
    if (leased.includes(false)) this.deps.onAccepted();
    return item;
  }

  /** One batch, one statement; then the leased deliveries go to the dispatcher (or their slots back, on failure). */
  private async store(items: IngestItem[]): Promise<void> {
    const handoff = this.handoff;
    let leased: LeasedDelivery[];
    try {
      leased = await insertEvents(this.deps.pool, items, { id: randomUUID(), ms: handoff?.leaseMs ?? 0 });
    } catch (err) {
      handoff?.release(items.flatMap((item) => item.triggers.filter((_, i) => item.leased[i])));
      throw err;
    }
    for (const item of items) this.announce(item);
    if (handoff && leased.length) handoff.takeOver(leased, new Map(items.map((item) => [item.eventId, item])));
  }

  /** Said once the event is stored and before any of its deliveries is attempted, so watchers see them in order. */
  private announce({ eventId, namespace, broker, event, triggers }: IngestItem): void {
    const { type, source, id, subject } = event.attributes;
    this.deps.metrics.accepted.inc({ broker: `${namespace}/${broker}` });
    this.deps.activity.publish({ kind: 'event.accepted', eventId, type, source, id, subject, triggers });
    if (this.deps.logger.isLevelEnabled('info')) {
      this.deps.logger.info(
        { eventId, type, source, id, subject, triggers },
        `accepted ${type}${subject ? ` ${subject}` : ''} → ${triggers.length ? triggers.join(', ') : 'no Trigger matches'}`,
      );
    }
  }

  drained(): Promise<void> {
    return this.writer.drained();
  }
}
