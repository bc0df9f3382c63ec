import { Type, type Static } from '@sinclair/typebox';

/* What the broker's admin API takes: its query strings and path parameters. Unknown parameters are refused. */

export const DELIVERY_STATES = ['pending', 'retrying', 'delivered', 'dead'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];
export const DeliveryStateSchema = Type.Unsafe<DeliveryState>({ type: 'string', enum: [...DELIVERY_STATES] });

const Limit = Type.Integer({ minimum: 1, maximum: 1000, default: 50, description: 'How many at most, newest first' });

/** What the listings of events and of deliveries both filter on. */
const EventFilter = {
  type: Type.Optional(Type.String({ description: "The event's CloudEvents type" })),
  subject: Type.Optional(Type.String()),
  dataschema: Type.Optional(Type.String()),
  limit: Limit,
};

export const DeliveriesQuery = Type.Object(
  { state: Type.Optional(DeliveryStateSchema), trigger: Type.Optional(Type.String()), ...EventFilter },
  { additionalProperties: false },
);
export type DeliveriesQuery = Static<typeof DeliveriesQuery>;

export const EventsQuery = Type.Object(EventFilter, { additionalProperties: false });
export type EventsQuery = Static<typeof EventsQuery>;

export const DrainQuery = Type.Object(
  { type: Type.Optional(Type.String()), dataschema: Type.Optional(Type.String()) },
  { additionalProperties: false },
);
export type DrainQuery = Static<typeof DrainQuery>;

export const DeliveryIdParams = Type.Object({
  id: Type.String({ pattern: '^[0-9]{1,18}$', description: "The delivery's id" }),
});
export type DeliveryIdParams = Static<typeof DeliveryIdParams>;

export const TriggerNameParams = Type.Object({ name: Type.String({ description: "The Trigger's name" }) });
export type TriggerNameParams = Static<typeof TriggerNameParams>;
