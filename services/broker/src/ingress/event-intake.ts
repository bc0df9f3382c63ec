import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Mesh } from '../config/mesh.js';
import type { MeshEvent } from '../events/mesh-event.js';
import type { ActivityFeed } from '../observability/activity.js';
import type { BrokerMetrics } from '../observability/metrics.js';
import { Batcher } from '../store/batcher.js';
import { insertEvents, type IngestItem } from '../store/event-store.js';

export interface IntakeDeps {
  pool: pg.Pool;
  mesh: Mesh;
  activity: ActivityFeed;
  metrics: BrokerMetrics;
  logger: Logger;
  /** Called after each durable write, so the local dispatcher starts at once instead of at its next poll. */
  onAccepted: () => void;
}

/**
 * Where events enter the mesh — from the ingress and from subscribers' replies alike: routed against every
 * Trigger of their broker, then stored with one delivery per match. The promise resolves only once
 * that is durably committed; concurrent events share a commit (group commit).
 */
export class EventIntake {
  private readonly writer: Batcher<IngestItem>;

  constructor(private readonly deps: IntakeDeps) {
    this.writer = new Batcher((items) => insertEvents(deps.pool, items), { maxBatch: 256, concurrency: 2 });
  }

  async accept(namespace: string, broker: string, event: MeshEvent): Promise<IngestItem> {
    const triggers = this.deps.mesh.route(namespace, broker, event.attributes).map((t) => t.name);
    const item: IngestItem = { eventId: randomUUID(), namespace, broker, event, triggers };
    await this.writer.add(item);
    this.deps.onAccepted();
    const { type, source, id, subject } = event.attributes;
    this.deps.metrics.accepted.inc({ broker: `${namespace}/${broker}` });
    this.deps.activity.publish({ kind: 'event.accepted', eventId: item.eventId, type, source, id, subject, triggers });
    if (this.deps.logger.isLevelEnabled('info')) {
      this.deps.logger.info(
        { eventId: item.eventId, type, source, id, subject, triggers },
        `accepted ${type}${subject ? ` ${subject}` : ''} → ${triggers.length ? triggers.join(', ') : 'no Trigger matches'}`,
      );
    }
    return item;
  }

  drained(): Promise<void> {
    return this.writer.drained();
  }
}
