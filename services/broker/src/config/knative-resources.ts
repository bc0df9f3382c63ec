import { Type, type Static } from '@sinclair/typebox';

/**
 * The parts of Knative's Broker and Trigger resources the local broker reads (eventing.knative.dev/v1).
 * Everything else a manifest may carry (labels, status, Kafka settings) is allowed and ignored, so the
 * very same files apply on Kubernetes.
 */

const NonEmpty = Type.String({ minLength: 1 });

export const KReference = Type.Object({
  apiVersion: Type.Optional(Type.String()),
  kind: NonEmpty,
  name: NonEmpty,
  namespace: Type.Optional(Type.String()),
});
export type KReference = Static<typeof KReference>;

/** Knative's Destination: a reference resolved to a URL, an absolute URI, or a URI relative to the reference. */
export const Destination = Type.Object({
  ref: Type.Optional(KReference),
  uri: Type.Optional(Type.String()),
});
export type Destination = Static<typeof Destination>;

export const DeliverySpec = Type.Object({
  retry: Type.Optional(Type.Integer({ minimum: 0 })),
  backoffPolicy: Type.Optional(Type.Union([Type.Literal('exponential'), Type.Literal('linear')])),
  backoffDelay: Type.Optional(Type.String()),
  timeout: Type.Optional(Type.String()),
  deadLetterSink: Type.Optional(Destination),
});
export type DeliverySpec = Static<typeof DeliverySpec>;

const AttributeMap = Type.Record(Type.String(), Type.String());

/** One expression of the Subscriptions API filters (`spec.filters`); nested through all/any/not. */
export const SubscriptionsApiFilter = Type.Recursive((Self) =>
  Type.Object({
    exact: Type.Optional(AttributeMap),
    prefix: Type.Optional(AttributeMap),
    suffix: Type.Optional(AttributeMap),
    all: Type.Optional(Type.Array(Self)),
    any: Type.Optional(Type.Array(Self)),
    not: Type.Optional(Self),
    cesql: Type.Optional(Type.String()),
  }),
);
export type SubscriptionsApiFilter = Static<typeof SubscriptionsApiFilter>;

const Metadata = Type.Object({
  name: NonEmpty,
  namespace: Type.Optional(NonEmpty),
  annotations: Type.Optional(Type.Record(Type.String(), Type.String())),
});

export const BrokerResource = Type.Object({
  apiVersion: Type.Literal('eventing.knative.dev/v1'),
  kind: Type.Literal('Broker'),
  metadata: Metadata,
  spec: Type.Optional(Type.Object({ delivery: Type.Optional(DeliverySpec) })),
});
export type BrokerResource = Static<typeof BrokerResource>;

export const TriggerResource = Type.Object({
  apiVersion: Type.Literal('eventing.knative.dev/v1'),
  kind: Type.Literal('Trigger'),
  metadata: Metadata,
  spec: Type.Object({
    broker: NonEmpty,
    filter: Type.Optional(Type.Object({ attributes: Type.Optional(AttributeMap) })),
    filters: Type.Optional(Type.Array(SubscriptionsApiFilter)),
    subscriber: Destination,
    delivery: Type.Optional(DeliverySpec),
  }),
});
export type TriggerResource = Static<typeof TriggerResource>;
