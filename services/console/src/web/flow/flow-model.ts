import type { EventTrace, MeshActivity } from '../../shared/console-api.js';

/*
 * The flow view's state, built from the broker's activity stream: each event that entered the mesh, grouped by
 * subject (a ride's events together), with one delivery per Trigger it matched. Pure: no DOM, no clock.
 */

export type DeliveryState = 'queued' | 'sending' | 'delivered' | 'retrying' | 'dead';

export interface DeliveryView {
  trigger: string;
  deliveryId?: string;
  state: DeliveryState;
  /** The attempt in progress or last made; 0 before the first. */
  attempt: number;
  maxAttempts?: number;
  /** Retrying: when the next attempt is due (ISO). */
  nextAttemptAt?: string;
  status?: number | null;
  error?: string | null;
  durationMs?: number;
  /** Dead: where the dead letter went (`local` or a sink URL). */
  deadLetter?: string;
  /** Sent back from the dead-letter store at least once. */
  redriven?: boolean;
}

export interface EventView {
  /** The broker's id of the stored event. */
  eventId: string;
  /** CloudEvents attributes. */
  id?: string;
  type: string;
  source?: string;
  subject?: string;
  at: string;
  deliveries: DeliveryView[];
  traceId?: string;
}

export interface SubjectGroup {
  /** The subject, or `event:<id>` for an event without one. */
  key: string;
  subject?: string;
  firstAt: string;
  /** When its newest event entered the mesh. */
  latestEventAt: string;
  /** Its latest activity of any kind. */
  lastAt: string;
  events: EventView[];
}

export interface FlowState {
  /** Newest event first: groups stay put while only their deliveries change. */
  groups: SubjectGroup[];
  /** Delivery id → where it is, for activity that names only the delivery (redrive). */
  deliveries: Record<string, { eventId: string; trigger: string }>;
  traces: Record<string, string>;
}

export const MAX_GROUPS = 40;

export const emptyFlow = (): FlowState => ({ groups: [], deliveries: {}, traces: {} });

/** The flow after a whole history, e.g. what the console server kept for a newly opened page. */
export function flowFrom(recent: MeshActivity[], traces: EventTrace[] = []): FlowState {
  const withTraces = traces.reduce(applyTrace, emptyFlow());
  return recent.reduce(applyActivity, withTraces);
}

export function applyActivity(state: FlowState, activity: MeshActivity): FlowState {
  if (activity.kind === 'delivery.redriven') return redriven(state, activity);
  if (!activity.eventId || !activity.type) return state;
  const eventId = activity.eventId;
  const key = activity.subject ?? `event:${eventId}`;
  const existing = state.groups.find((g) => g.key === key);
  const group: SubjectGroup = existing ?? {
    key,
    subject: activity.subject,
    firstAt: activity.at,
    latestEventAt: activity.at,
    lastAt: activity.at,
    events: [],
  };
  const before = group.events.find((e) => e.eventId === eventId);
  const event = eventAfter(before ?? newEvent(activity, state.traces[eventId]), activity);
  const events = before ? group.events.map((e) => (e === before ? event : e)) : [...group.events, event];
  const updated = { ...group, lastAt: activity.at, events, ...(before ? {} : { latestEventAt: activity.at }) };
  // A new event brings its subject to the top (a completed ride rises); delivery news leaves the order alone.
  const groups =
    before && existing
      ? state.groups.map((g) => (g === existing ? updated : g))
      : [updated, ...state.groups.filter((g) => g !== existing)].slice(0, MAX_GROUPS);
  const deliveries =
    activity.deliveryId && activity.trigger
      ? { ...state.deliveries, [activity.deliveryId]: { eventId, trigger: activity.trigger } }
      : state.deliveries;
  return { ...state, groups, deliveries };
}

export function applyTrace(state: FlowState, trace: EventTrace): FlowState {
  const groups = state.groups.map((g) =>
    g.events.some((e) => e.eventId === trace.eventId)
      ? { ...g, events: g.events.map((e) => (e.eventId === trace.eventId ? { ...e, traceId: trace.traceId } : e)) }
      : g,
  );
  return { ...state, groups, traces: { ...state.traces, [trace.eventId]: trace.traceId } };
}

/** The trace of a group: the first of its events that has one (a ride's chain shares it). */
export function traceOf(group: SubjectGroup): string | undefined {
  return group.events.find((e) => e.traceId)?.traceId;
}

/** What a subject names, from the events about it: a ride (transit's events), a driver, or just a subject. */
export function subjectKind(group: SubjectGroup): 'Ride' | 'Driver' | 'Subject' {
  const services = new Set(group.events.map((e) => /^cabs\.([^.]+)\./.exec(e.type)?.[1]));
  if (services.has('transit')) return 'Ride';
  if (services.has('drivers')) return 'Driver';
  return 'Subject';
}

export type GroupState = 'settled' | 'in-progress' | 'retrying' | 'dead';

/** The worst state among a group's deliveries, for its header. */
export function groupState(group: SubjectGroup): GroupState {
  const states = new Set(group.events.flatMap((e) => e.deliveries.map((d) => d.state)));
  if (states.has('dead')) return 'dead';
  if (states.has('retrying')) return 'retrying';
  if (states.has('queued') || states.has('sending')) return 'in-progress';
  return 'settled';
}

function newEvent(activity: MeshActivity, traceId: string | undefined): EventView {
  return {
    eventId: activity.eventId as string,
    id: activity.id,
    type: activity.type as string,
    source: activity.source,
    subject: activity.subject,
    at: activity.at,
    deliveries: [],
    ...(traceId ? { traceId } : {}),
  };
}

function eventAfter(event: EventView, activity: MeshActivity): EventView {
  if (activity.kind === 'event.accepted') {
    // The stream may show a delivery before its event's acceptance; keep what is known, add the rest queued.
    const known = new Set(event.deliveries.map((d) => d.trigger));
    const queued = (activity.triggers ?? [])
      .filter((t) => !known.has(t))
      .map((trigger): DeliveryView => ({ trigger, state: 'queued', attempt: 0 }));
    return {
      ...event,
      at: activity.at,
      id: activity.id,
      source: activity.source,
      deliveries: [...event.deliveries, ...queued],
    };
  }
  const trigger = activity.trigger;
  if (!trigger) return event;
  const before = event.deliveries.find((d) => d.trigger === trigger) ?? { trigger, state: 'queued', attempt: 0 };
  const after = deliveryAfter(before, activity);
  const deliveries = event.deliveries.some((d) => d.trigger === trigger)
    ? event.deliveries.map((d) => (d.trigger === trigger ? after : d))
    : [...event.deliveries, after];
  return { ...event, deliveries };
}

function deliveryAfter(d: DeliveryView, a: MeshActivity): DeliveryView {
  const attempt = a.attempt ?? d.attempt;
  const base = { ...d, deliveryId: a.deliveryId ?? d.deliveryId, attempt, maxAttempts: a.maxAttempts ?? d.maxAttempts };
  switch (a.kind) {
    case 'delivery.attempted':
      return { ...base, state: 'sending', nextAttemptAt: undefined };
    case 'delivery.succeeded':
      return {
        ...base,
        state: 'delivered',
        status: a.status,
        error: null,
        durationMs: a.durationMs,
        nextAttemptAt: undefined,
      };
    case 'delivery.retry-scheduled':
      return {
        ...base,
        state: 'retrying',
        status: a.status,
        error: a.error,
        durationMs: a.durationMs,
        nextAttemptAt: a.nextAttemptAt,
      };
    case 'delivery.dead-lettered':
      return {
        ...base,
        state: 'dead',
        status: a.status,
        error: a.error,
        nextAttemptAt: undefined,
        deadLetter: a.deadLetter,
      };
    case 'dead-letter.sent':
    case 'dead-letter.kept':
      return { ...base, state: 'dead', deadLetter: a.deadLetter };
    default:
      return base;
  }
}

function redriven(state: FlowState, activity: MeshActivity): FlowState {
  const where = activity.deliveryId ? state.deliveries[activity.deliveryId] : undefined;
  if (!where) return state;
  const groups = state.groups.map((g) => {
    if (!g.events.some((e) => e.eventId === where.eventId)) return g;
    const events = g.events.map((e) =>
      e.eventId !== where.eventId
        ? e
        : {
            ...e,
            deliveries: e.deliveries.map((d): DeliveryView =>
              d.trigger === where.trigger ? { ...d, state: 'queued', redriven: true, nextAttemptAt: undefined } : d,
            ),
          },
    );
    return { ...g, lastAt: activity.at, events };
  });
  return { ...state, groups };
}
