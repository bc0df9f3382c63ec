import type { DeadLetter, RedriveResult } from '../../shared/console-api.js';
import { requestJson } from '../http/upstream.js';

/** A delivery as the admin API lists it (`GET /deliveries`); only what the console reads. */
interface AdminDelivery {
  id: number;
  trigger: string;
  state: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  deadLetter: string | null;
  updatedAt: string;
  event: { type: string; subject: string | null };
}

interface AdminTrigger {
  name: string;
  subscriber: { url: string };
}

interface AdminEvent {
  id: string;
  attributes: Record<string, string>;
}

/** The broker's admin API, as the console uses it: Triggers, dead letters, redrive, event attributes. */
export class BrokerAdmin {
  /** The mesh token, for reads and redrives alike (the admin API asks for it whenever the broker has one). */
  private readonly headers: Record<string, string>;

  constructor(
    private readonly adminUrl: string,
    token?: string,
  ) {
    this.headers = token ? { authorization: `Bearer ${token}` } : {};
  }

  /** Trigger name → subscriber URL. */
  async triggerSubscribers(): Promise<Map<string, string>> {
    const triggers = await requestJson<AdminTrigger[]>({
      who: 'the broker',
      url: `${this.adminUrl}/triggers`,
      headers: this.headers,
    });
    return new Map(triggers.map((t) => [t.name, t.subscriber.url]));
  }

  async deadLetters(serviceOf: (trigger: string) => string | null, limit = 100): Promise<DeadLetter[]> {
    const rows = await requestJson<AdminDelivery[]>({
      who: 'the broker',
      url: `${this.adminUrl}/deliveries?state=dead&limit=${limit}`,
      headers: this.headers,
    });
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
    const path = deliveryId ? `/deliveries/${encodeURIComponent(deliveryId)}/redrive` : '/redrive';
    return requestJson<RedriveResult>({
      who: 'the broker',
      method: 'POST',
      url: `${this.adminUrl}${path}`,
      headers: this.headers,
    });
  }

  /** The CloudEvents attributes of a stored event, found by its type, subject and id (the admin API has no lookup by id). */
  async attributesOf(event: {
    type: string;
    subject?: string;
    id: string;
  }): Promise<Record<string, string> | undefined> {
    const query = new URLSearchParams({
      type: event.type,
      limit: '20',
      ...(event.subject ? { subject: event.subject } : {}),
    });
    const events = await requestJson<AdminEvent[]>({
      who: 'the broker',
      url: `${this.adminUrl}/events?${query}`,
      headers: this.headers,
    });
    return events.find((e) => e.attributes.id === event.id)?.attributes;
  }
}
