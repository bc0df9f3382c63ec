/**
 * Mesh activity as it happens, for the admin API's Server-Sent Events stream (`GET /stream`), which the
 * console and `cabs watch` follow. Each process publishes its own activity; with several replicas,
 * follow each one's stream. An event's `event.accepted` comes before any activity of its deliveries.
 */
export type ActivityKind =
  | 'event.accepted'
  | 'delivery.attempted'
  | 'delivery.succeeded'
  | 'delivery.retry-scheduled'
  | 'delivery.dead-lettered'
  | 'dead-letter.sent'
  | 'dead-letter.kept'
  | 'delivery.redriven';

export interface Activity {
  kind: ActivityKind;
  at: string;
  eventId?: string;
  deliveryId?: string;
  trigger?: string;
  /** CloudEvents attributes of the event concerned. */
  type?: string;
  source?: string;
  id?: string;
  subject?: string;
  /** event.accepted: the Triggers it matched. */
  triggers?: string[];
  attempt?: number;
  maxAttempts?: number;
  status?: number | null;
  error?: string | null;
  durationMs?: number;
  nextAttemptAt?: string;
  /** Where a dead letter went: the sink's URL or `local`. */
  deadLetter?: string;
}

export type ActivityListener = (activity: Activity) => void;

export class ActivityFeed {
  private readonly listeners = new Set<ActivityListener>();

  publish(activity: Omit<Activity, 'at'>): void {
    if (this.listeners.size === 0) return;
    const stamped = { ...activity, at: new Date().toISOString() };
    for (const listener of this.listeners) listener(stamped);
  }

  subscribe(listener: ActivityListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
