import type { Activity } from '@cabs/contracts';

export type ActivityListener = (activity: Activity) => void;

/**
 * Mesh activity as it happens, for the admin API's Server-Sent Events stream (`GET /stream`), which the
 * console and `cabs watch` follow. Each process publishes its own activity; with several replicas,
 * follow each one's stream. An event's `event.accepted` comes before any activity of its deliveries. The shape is
 * the admin API's contract: `Activity` in @cabs/contracts.
 */
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
