import { Type, type Static } from '@sinclair/typebox';
import { DeliveryStateSchema } from './admin-requests.js';
import { Nullable } from './nullable.js';

/* What the broker's admin API answers, as JSON. The broker declares its responses with these schemas (and so
 * documents them at GET /openapi.json); its clients read them as the types below. */

const Instant = Type.String({ format: 'date-time' });
const Count = Type.Integer({ minimum: 0 });

/** Where the dead letter of a dead delivery is: on its way to the deadLetterSink, taken by it, or kept here. */
const DeadLetterState = Nullable(
  Type.Unsafe<'sending' | 'sink' | 'local'>({ type: 'string', enum: ['sending', 'sink', 'local'] }),
);

/** A Knative reference, resolved to a URL at start. */
const KReference = Type.Object({
  apiVersion: Type.Optional(Type.String()),
  kind: Type.String(),
  name: Type.String(),
  namespace: Type.Optional(Type.String()),
});

/** A Knative Destination as mesh-config writes it, and the URL it resolved to. */
const ResolvedDestination = Type.Object({
  url: Type.String(),
  ref: Type.Optional(KReference),
  uri: Type.Optional(Type.String()),
});

/** `GET /triggers`: a Trigger as mesh-config declares it, its delivery spec merged with its Broker's, its backlog. */
export const TriggerView = Type.Object({
  name: Type.String(),
  namespace: Type.String(),
  broker: Type.String(),
  filter: Type.Optional(
    Type.Object(
      { attributes: Type.Optional(Type.Record(Type.String(), Type.String())) },
      { description: 'As written' },
    ),
  ),
  filters: Type.Optional(
    Type.Array(Type.Record(Type.String(), Type.Unknown()), {
      description: 'Subscriptions API filter expressions, as written',
    }),
  ),
  subscriber: ResolvedDestination,
  delivery: Type.Object({
    retry: Count,
    backoffPolicy: Type.Unsafe<'exponential' | 'linear'>({ type: 'string', enum: ['exponential', 'linear'] }),
    backoffDelayMs: Type.Number(),
    timeoutMs: Type.Number({ description: 'Per attempt' }),
    retryDelaysMs: Type.Array(Type.Number(), { description: 'The pause before each retry, in order' }),
    deadLetterSink: Type.Union([ResolvedDestination, Type.Literal('local dead-letter store')]),
  }),
  backlog: Type.Object({ pending: Count, retrying: Count, dead: Count }),
});
export type TriggerView = Static<typeof TriggerView>;

/** An event as a delivery names it. */
const DeliveredEvent = Type.Object({
  eventId: Type.String({ description: "The broker's id of the stored event" }),
  id: Type.String({ description: 'CloudEvents id' }),
  source: Type.String(),
  type: Type.String(),
  subject: Nullable(Type.String()),
  dataschema: Nullable(Type.String()),
  receivedAt: Instant,
});

/** `GET /deliveries`, `GET /deliveries/:id`: one event on its way to one Trigger's subscriber. */
export const DeliveryView = Type.Object({
  id: Type.Integer(),
  trigger: Type.String(),
  state: DeliveryStateSchema,
  attempts: Count,
  /** Its Trigger's retry + 1; null once the Trigger is no longer in mesh-config. */
  maxAttempts: Nullable(Type.Integer()),
  subscriber: Nullable(Type.String()),
  inFlight: Type.Boolean({ description: 'A dispatcher is sending it right now' }),
  nextAttemptAt: Nullable(Instant),
  lastStatus: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  failedDestination: Nullable(Type.String()),
  deadLetter: DeadLetterState,
  deadLetterAttempts: Count,
  createdAt: Instant,
  updatedAt: Instant,
  deliveredAt: Nullable(Instant),
  event: DeliveredEvent,
});
export type DeliveryView = Static<typeof DeliveryView>;

/** `GET /events`: an event as the broker accepted it, its data for reading, and where it went. */
export const StoredEvent = Type.Object({
  id: Type.String({ description: "The broker's id of the stored event" }),
  namespace: Type.String(),
  broker: Type.String(),
  receivedAt: Instant,
  attributes: Type.Record(Type.String(), Type.String(), {
    description: 'Every context attribute and extension, as the strings sent on the wire',
  }),
  data: Type.Optional(Type.Unknown({ description: 'JSON parsed, text as text' })),
  data_base64: Type.Optional(Type.String({ description: 'Any other data, base64' })),
  deliveries: Type.Array(
    Type.Object({
      id: Type.Integer(),
      trigger: Type.String(),
      state: DeliveryStateSchema,
      attempts: Count,
      deadLetter: DeadLetterState,
    }),
  ),
});
export type StoredEvent = Static<typeof StoredEvent>;

/** `GET /drain`: how many deliveries of a type/dataschema are not delivered yet (retire the schema at none). */
export const DrainView = Type.Object({
  type: Type.Optional(Type.String()),
  dataschema: Type.Optional(Type.String()),
  pending: Count,
  retrying: Count,
  dead: Count,
  delivered: Count,
  inFlight: Count,
  drained: Type.Boolean({ description: 'None pending, retrying or dead' }),
});
export type DrainView = Static<typeof DrainView>;

/** What a redrive sent through the mesh again. */
export const RedriveResult = Type.Object({
  redriven: Count,
  deliveries: Type.Array(Type.Integer()),
});
export type RedriveResult = Static<typeof RedriveResult>;

/** `GET /`: what the broker is and what it answers. */
export const AdminIndex = Type.Object({
  service: Type.String(),
  ingress: Type.Array(Type.String()),
  endpoints: Type.Array(Type.String()),
});
export type AdminIndex = Static<typeof AdminIndex>;

/** `GET /health/live`, `GET /health/ready`. */
export const HealthView = Type.Object({
  status: Type.Unsafe<'ok' | 'unavailable'>({ type: 'string', enum: ['ok', 'unavailable'] }),
  problem: Type.Optional(Type.String()),
});
export type HealthView = Static<typeof HealthView>;

/** Every refusal: the status, its name and what was wrong, in words. */
export const AdminError = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
});
export type AdminError = Static<typeof AdminError>;
