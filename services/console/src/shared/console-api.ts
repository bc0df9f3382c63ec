import type { Activity, Money, RedriveResult } from '@cabs/client';

/* What the console's server tells its page: the JSON of `/api/*` and the events of `/api/stream`. Some of it is the
 * broker's and the services' own, passed through: their types come with @cabs/client. */

export type { Money, RedriveResult };

/** One happening on the mesh, as the broker's admin API streams it (`GET /stream`) and the page receives it. */
export type MeshActivity = Activity;

export type HealthState = 'up' | 'not-ready' | 'down';

export interface ServiceHealth {
  name: string;
  /** Where readiness is asked. */
  url: string;
  state: HealthState;
  /** Why, in a few words: `ready`, `503 migrations not applied`, `connection refused`. */
  detail: string;
  /** When it entered this state (ISO). */
  since: string;
}

/** The console's single connection to the broker's activity stream. */
export interface MeshLink {
  connected: boolean;
  since: string;
  problem?: string;
}

/** The trace an event belongs to, found from its `traceparent`. */
export interface EventTrace {
  eventId: string;
  traceId: string;
}

export interface ConsoleSettings {
  /** e.g. Jaeger at `http://localhost:16686`; null: no trace links. */
  tracingUiUrl: string | null;
  /** Trigger name → the service it delivers to, so a down service marks its deliveries at once. */
  triggerServices: Record<string, string>;
  /** CloudEvents type → what it is, from the event contracts. */
  eventKinds: Record<string, EventKind>;
}

export type EventKind = 'command' | 'fact' | 'legacy';

/** Sent first on every page connection: enough to draw the whole screen. */
export interface StreamHello {
  settings: ConsoleSettings;
  health: ServiceHealth[];
  mesh: MeshLink;
  /** The latest activity, oldest first, so a page opened mid-demo shows what just happened. */
  recent: MeshActivity[];
  traces: EventTrace[];
}

/** `event: <name>` → `data:` of `/api/stream`. */
export interface StreamMessages {
  hello: StreamHello;
  activity: MeshActivity;
  health: ServiceHealth[];
  mesh: MeshLink;
  trace: EventTrace;
  settings: ConsoleSettings;
}

/** A ride in transit: the one button that matters is "Complete". */
export interface WaitingRide {
  id: string;
  clientName: string;
  from: string;
  to: string;
  estimatedPrice: Money;
}

/** A completed ride and how far its settlement has come. */
export interface CompletedRide {
  id: string;
  clientName: string;
  to: string;
  price: Money | null;
  completedAt: string | null;
  fee: Money | null;
  invoiceNumber: string | null;
  driverFreed: boolean;
  /** Messages to the client and the driver about this ride. */
  notifications: number;
}

export interface RidesView {
  waiting: WaitingRide[];
  completed: CompletedRide[];
}

/** The broker's answer to CompleteTransit, passed through. */
export interface CompleteResult {
  status: number;
  statusText: string;
  eventId: string;
  /** Round trip to the broker's ingress. */
  ms: number;
  message?: string;
  /** The trace the ride's events continue, when the console exports traces. */
  traceId?: string;
}

/** transit's answer to a new destination for a waiting ride: 202 once the command is queued for the mesh. */
export interface DestinationResult {
  status: number;
  statusText: string;
  /** Round trip to transit. */
  ms: number;
  /** The demo place the ride goes to now, as the page names it (`Żwirki i Wigury 1`). */
  to: string;
}

/** What an answer badge shows: the status as given, and how long it took. */
export type Answer = Pick<CompleteResult, 'status' | 'statusText' | 'ms' | 'message'>;

export interface DeadLetter {
  deliveryId: number;
  trigger: string;
  /** The service the Trigger delivers to, when known. */
  subscriber: string | null;
  type: string;
  subject: string | null;
  attempts: number;
  /** The subscriber's last HTTP status; null when it never answered. */
  lastStatus: number | null;
  lastError: string | null;
  /** Where the dead letter went: `local`, the sink's URL, or null while it is being sent. */
  deadLetter: string | null;
  diedAt: string;
}

/** Every error of `/api/*`. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
}
