import { BrokerAdminClient } from '@cabs/client';
import type { DeadLetter, RedriveResult } from '../../shared/console-api.js';
import { fromUpstream, UPSTREAM_TIMEOUT_MS } from '../http/upstream.js';

/** The broker's admin API, as the console uses it: Triggers, dead letters, redrive, event attributes. */
export class BrokerAdmin {
  private readonly client: BrokerAdminClient;

  /** `token`: the mesh token, for reads and redrives alike (the admin API asks for it whenever the broker has one). */
  constructor(adminUrl: string, token?: string) {
    this.client = new BrokerAdminClient(adminUrl, { token, timeoutMs: UPSTREAM_TIMEOUT_MS });
  }

  /** Trigger name → subscriber URL. */
  async triggerSubscribers(): Promise<Map<string, string>> {
    const triggers = await fromUpstream(this.client.triggers());
    return new Map(triggers.map((t) => [t.name, t.subscriber.url]));
  }

  async deadLetters(serviceOf: (trigger: string) => string | null, limit = 100): Promise<DeadLetter[]> {
    const rows = await fromUpstream(this.client.deliveries({ state: 'dead', limit }));
    return rows.map((d) => ({
      deliveryId: d.id,
      trigger: d.trigger,
      subscriber: serviceOf(d.trigger),
      type: d.event.type,
      subject: d.event.subject,
      attempts: d.attempts,
      lastStatus: d.lastStatus,
      lastError: d.lastError,
      deadLetter: d.deadLetter,
      diedAt: d.updatedAt,
    }));
  }

  redrive(deliveryId?: string): Promise<RedriveResult> {
    return fromUpstream(this.client.redrive({ deliveryId }));
  }

  /** The CloudEvents attributes of a stored event, found by its type, subject and id (the admin API has no lookup by id). */
  async attributesOf(event: {
    type: string;
    subject?: string;
    id: string;
  }): Promise<Record<string, string> | undefined> {
    const events = await fromUpstream(this.client.events({ type: event.type, subject: event.subject, limit: 20 }));
    return events.find((e) => e.attributes.id === event.id)?.attributes;
  }
}
