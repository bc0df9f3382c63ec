import { BrokerAdminClient, type Activity } from '@cabs/client';
import type { SystemPorts } from '@cabs/devstack';
import { SETTLED_WHEN_DELIVERED } from './mesh-configs.js';

interface Pending {
  waiting: Set<string>;
  /** When each settling delivery succeeded. */
  arrivals: [string, number][];
  settledAt?: number;
  resolve?: (settlement: Settlement) => void;
}

export interface Settlement {
  at: number;
  arrivals: [string, number][];
}

/**
 * Follows the broker's activity stream (`GET /stream`, Server-Sent Events) and notes, for each ride it was told
 * to expect, when the last delivery that settles it succeeded — one connection instead of polling each ride.
 * Times are this process's clock when the line arrives, so they compare with the rider's timestamps.
 */
export class SettlementWatch {
  private readonly rides = new Map<string, Pending>();
  private readonly abort = new AbortController();
  /** Deliveries the broker gave up on (dead letters) while watching. */
  deadLettered = 0;
  retriesScheduled = 0;

  static async follow(ports: SystemPorts): Promise<SettlementWatch> {
    const watch = new SettlementWatch();
    const broker = new BrokerAdminClient(`http://127.0.0.1:${ports.brokerAdmin}`);
    void watch.read(await broker.activity(watch.abort.signal)).catch(() => {});
    return watch;
  }

  /** Call before the command is sent: its deliveries may be reported before the rider has the 202. */
  expect(rideId: string): Promise<Settlement> {
    const ride: Pending = { waiting: new Set(SETTLED_WHEN_DELIVERED), arrivals: [] };
    this.rides.set(rideId, ride);
    return new Promise((resolve) => (ride.resolve = resolve));
  }

  close(): void {
    this.abort.abort();
  }

  private async read(activities: AsyncIterable<Activity>): Promise<void> {
    for await (const activity of activities) this.onActivity(activity);
  }

  private onActivity(activity: Activity): void {
    if (activity.kind === 'delivery.dead-lettered') this.deadLettered++;
    if (activity.kind === 'delivery.retry-scheduled') this.retriesScheduled++;
    if (activity.kind !== 'delivery.succeeded' || !activity.subject || !activity.trigger) return;
    const ride = this.rides.get(activity.subject);
    if (!ride || !ride.waiting.delete(activity.trigger)) return;
    const now = performance.now();
    ride.arrivals.push([activity.trigger, now]);
    if (ride.waiting.size) return;
    ride.settledAt = now;
    ride.resolve?.({ at: now, arrivals: ride.arrivals });
  }
}
