import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './nullable.js';

/*
 * Mesh activity as the broker's admin API streams it (`GET /stream`, Server-Sent Events: `event: <kind>`, a JSON
 * `data:` line). The broker publishes it; the console, `cabs watch`, the bench and the tests follow it.
 */

export const ACTIVITY_KINDS = [
  'event.accepted',
  'delivery.attempted',
  'delivery.succeeded',
  'delivery.retry-scheduled',
  'delivery.dead-lettered',
  'dead-letter.sent',
  'dead-letter.kept',
  'delivery.redriven',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** One happening on the mesh. An event's `event.accepted` comes before any activity of its deliveries. */
export const Activity = Type.Object(
  {
    kind: Type.Unsafe<ActivityKind>({ type: 'string', enum: [...ACTIVITY_KINDS] }),
    at: Type.String({ format: 'date-time', description: 'When the broker published it' }),
    eventId: Type.Optional(Type.String({ description: "The broker's row id of the event (64-bit, so a string)" })),
    deliveryId: Type.Optional(Type.String({ description: "The broker's row id of the delivery" })),
    trigger: Type.Optional(Type.String()),
    type: Type.Optional(Type.String({ description: 'CloudEvents attributes of the event concerned' })),
    source: Type.Optional(Type.String()),
    id: Type.Optional(Type.String()),
    subject: Type.Optional(Type.String()),
    triggers: Type.Optional(Type.Array(Type.String(), { description: 'event.accepted: the Triggers it matched' })),
    attempt: Type.Optional(Type.Integer()),
    maxAttempts: Type.Optional(Type.Integer()),
    status: Type.Optional(Nullable(Type.Integer({ description: "The subscriber's HTTP status" }))),
    error: Type.Optional(Nullable(Type.String())),
    durationMs: Type.Optional(Type.Number()),
    nextAttemptAt: Type.Optional(Type.String({ format: 'date-time' })),
    deadLetter: Type.Optional(Type.String({ description: "Where a dead letter went: the sink's URL or `local`" })),
  },
  { description: 'One happening on the mesh, as `GET /stream` sends it' },
);
export type Activity = Static<typeof Activity>;
