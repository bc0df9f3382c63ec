import { BrokerAdminClient, NoAnswer, Refused } from '@cabs/client';
import type { MeshActivity, MeshLink } from '../../shared/console-api.js';

export interface ActivityRelayOptions {
  /** The broker's admin API; the stream is `<url>/stream`. */
  brokerAdminUrl: string;
  /** The mesh token, which the admin API asks for when the broker has one. */
  token?: string;
  /** How much recent activity a newly opened page is shown. */
  keep?: number;
  /** First pause before reconnecting; it doubles up to `maxReconnectMs`. */
  reconnectMs?: number;
  maxReconnectMs?: number;
}

export interface ActivityRelayEvents {
  activity: (activity: MeshActivity) => void;
  link: (link: MeshLink) => void;
}

/**
 * One connection to the broker's activity stream, however many pages watch: it reconnects when the broker
 * restarts, keeps the latest activity for pages that open later, and hands each happening to its listeners.
 */
export class ActivityRelay {
  private readonly recentActivity: MeshActivity[] = [];
  private readonly listeners: { [K in keyof ActivityRelayEvents]: Set<ActivityRelayEvents[K]> } = {
    activity: new Set(),
    link: new Set(),
  };
  private stopped = new AbortController();
  private running?: Promise<void>;
  private state: MeshLink = { connected: false, since: new Date().toISOString(), problem: 'not connected yet' };

  private readonly admin: BrokerAdminClient;

  constructor(private readonly options: ActivityRelayOptions) {
    this.admin = new BrokerAdminClient(options.brokerAdminUrl, { token: options.token });
  }

  get link(): MeshLink {
    return this.state;
  }

  recent(): MeshActivity[] {
    return [...this.recentActivity];
  }

  on<K extends keyof ActivityRelayEvents>(event: K, listener: ActivityRelayEvents[K]): () => void {
    const set = this.listeners[event] as Set<ActivityRelayEvents[K]>;
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Follows the stream until `close`; may be started again after (what was seen stays in `recent`). */
  start(): void {
    if (this.running) return;
    this.stopped = new AbortController();
    this.running = this.follow();
  }

  async close(): Promise<void> {
    this.stopped.abort();
    await this.running;
    this.running = undefined;
    this.setLink({ connected: false, since: new Date().toISOString(), problem: 'not following: no page is open' });
  }

  private async follow(): Promise<void> {
    const first = this.options.reconnectMs ?? 250;
    let pause = first;
    while (!this.stopped.signal.aborted) {
      const problem = await this.readOnce(() => (pause = first));
      if (this.stopped.signal.aborted) return;
      this.setLink({ connected: false, since: new Date().toISOString(), problem });
      await this.wait(pause);
      pause = Math.min(pause * 2, this.options.maxReconnectMs ?? 4000);
    }
  }

  /** Follows the stream until it ends; returns why it ended. */
  private async readOnce(onConnected: () => void): Promise<string> {
    try {
      const activities = await this.admin.activity(this.stopped.signal);
      onConnected();
      this.setLink({ connected: true, since: new Date().toISOString() });
      for await (const activity of activities) this.receive(activity);
      return 'the broker closed the activity stream';
    } catch (err) {
      if (err instanceof NoAnswer || err instanceof Refused) return err.message;
      const cause = (err as { cause?: { message?: string } }).cause;
      return `the activity stream broke off: ${cause?.message ?? (err as Error).message}`;
    }
  }

  private receive(activity: MeshActivity): void {
    this.recentActivity.push(activity);
    if (this.recentActivity.length > (this.options.keep ?? 1000)) this.recentActivity.shift();
    for (const listener of this.listeners.activity) listener(activity);
  }

  private setLink(link: MeshLink): void {
    // Repeated failures while the broker is down are one state, not news.
    if (link.connected === this.state.connected && link.problem === this.state.problem) return;
    this.state = link;
    for (const listener of this.listeners.link) listener(link);
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.stopped.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
  }
}
