import {
  ACTIVITY_KINDS,
  type Activity,
  type AdminIndex,
  type DeliveriesQuery,
  type DeliveryView,
  type DrainQuery,
  type DrainView,
  type EventsQuery,
  type RedriveResult,
  type StoredEvent,
  type TriggerView,
} from '@cabs/contracts';
import { requestJson } from './http-json.js';
import { openEventStream } from './server-sent-events.js';

export {
  ACTIVITY_KINDS,
  DELIVERY_STATES,
  type Activity,
  type ActivityKind,
  type AdminError,
  type AdminIndex,
  type DeliveriesQuery,
  type DeliveryState,
  type DeliveryView,
  type DrainQuery,
  type DrainView,
  type EventsQuery,
  type HealthView,
  type RedriveResult,
  type StoredEvent,
  type TriggerView,
} from '@cabs/contracts';

export interface BrokerAdminOptions {
  /** The mesh token: the admin API asks for it whenever the broker has one. */
  token?: string;
  /** Per request; 30 s unless said. */
  timeoutMs?: number;
}

/** What a redrive sends again: one delivery, a Trigger's dead letters, or (neither) every dead letter. */
export interface RedriveTarget {
  deliveryId?: string | number;
  trigger?: string;
}

const KINDS = new Set<string>(ACTIVITY_KINDS);

/**
 * The broker's admin API (its admin port, `BROKER_ADMIN_URL`), typed by its contract in @cabs/contracts. Failures
 * are `NoAnswer` and `Refused`, as every call of this library.
 */
export class BrokerAdminClient {
  private readonly headers: Record<string, string>;

  constructor(
    readonly url: string,
    private readonly options: BrokerAdminOptions = {},
  ) {
    this.headers = options.token ? { authorization: `Bearer ${options.token}` } : {};
  }

  index(): Promise<AdminIndex> {
    return this.get('/');
  }

  triggers(): Promise<TriggerView[]> {
    return this.get('/triggers');
  }

  events(query: Partial<EventsQuery> = {}): Promise<StoredEvent[]> {
    return this.get('/events', query);
  }

  deliveries(query: Partial<DeliveriesQuery> = {}): Promise<DeliveryView[]> {
    return this.get('/deliveries', query);
  }

  delivery(id: string | number): Promise<DeliveryView> {
    return this.get(`/deliveries/${encodeURIComponent(id)}`);
  }

  drain(query: DrainQuery = {}): Promise<DrainView> {
    return this.get('/drain', query);
  }

  redrive({ deliveryId, trigger }: RedriveTarget = {}): Promise<RedriveResult> {
    const path =
      deliveryId !== undefined
        ? `/deliveries/${encodeURIComponent(deliveryId)}/redrive`
        : trigger !== undefined
          ? `/triggers/${encodeURIComponent(trigger)}/redrive`
          : '/redrive';
    return requestJson('POST', `${this.url}${path}`, undefined, this.requestOptions());
  }

  /**
   * Follows `GET /stream`: resolves once the broker answers, then yields each activity until the broker closes the
   * stream or `signal` aborts. Messages of a kind this library does not know are passed over.
   */
  async activity(signal?: AbortSignal): Promise<AsyncGenerator<Activity>> {
    const messages = await openEventStream(`${this.url}/stream`, { headers: this.headers, signal });
    return (async function* () {
      for await (const { event, data } of messages) {
        if (!KINDS.has(event)) continue;
        let activity: Activity;
        try {
          activity = JSON.parse(data) as Activity;
        } catch {
          continue; // not JSON: not an activity of this contract
        }
        yield activity;
      }
    })();
  }

  private get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    const search = new URLSearchParams(
      Object.entries(query).flatMap(([key, value]): [string, string][] =>
        value === undefined || value === '' ? [] : [[key, String(value)]],
      ),
    ).toString();
    return requestJson<T>('GET', `${this.url}${path}${search ? `?${search}` : ''}`, undefined, this.requestOptions());
  }

  private requestOptions() {
    return { headers: this.headers, timeoutMs: this.options.timeoutMs };
  }
}
