import type { EventTrace } from '../../shared/console-api.js';
import type { MeshActivity } from '../../shared/console-api.js';
import type { BrokerAdmin } from './broker-admin.js';
import { traceIdOf } from './trace-id.js';

const KEEP = 1000;

/**
 * Finds the trace of each event entering the mesh: the activity stream names the event, the admin API has its
 * `traceparent`. Only used when a tracing UI is configured; a miss just means no link.
 */
export class TraceFinder {
  private readonly found = new Map<string, string>();

  constructor(
    private readonly admin: BrokerAdmin,
    private readonly onFound: (trace: EventTrace) => void,
  ) {}

  traces(): EventTrace[] {
    return [...this.found].map(([eventId, traceId]) => ({ eventId, traceId }));
  }

  /** Looks up an accepted event's trace in the background. */
  lookUp(activity: MeshActivity): void {
    const { kind, eventId, type, subject, id } = activity;
    if (kind !== 'event.accepted' || !eventId || !type || !id || this.found.has(eventId)) return;
    this.admin.attributesOf({ type, subject, id }).then(
      (attributes) => {
        const traceId = traceIdOf(attributes?.traceparent);
        if (!traceId) return;
        this.found.set(eventId, traceId);
        if (this.found.size > KEEP) this.found.delete(this.found.keys().next().value as string);
        this.onFound({ eventId, traceId });
      },
      () => {},
    );
  }
}
