import { Type, type Static } from '@sinclair/typebox';
import { Address, DistanceKm, Id, Money, Tariff, Text, Timestamp } from '../building-blocks.js';

/* transit's REST API: what it accepts (validated) and what it answers (documented at its GET /openapi.json). */

export const TransitStatusSchema = Type.Union(
  [
    Type.Literal('requested'),
    Type.Literal('driver-assigned'),
    Type.Literal('in-transit'),
    Type.Literal('completed'),
    Type.Literal('cancelled'),
  ],
  { description: 'Where the ride is in its lifecycle' },
);

/*
 * The request types are named apart from their schemas on purpose: a parameter typed with a name that is also a
 * value gets that value (the schema) as its decorator metadata under Vite's transform, and the OpenAPI explorer
 * then mistakes the schema for a class.
 */

export const RequestTransitSchema = Type.Object(
  {
    clientId: Id('the client'),
    clientName: Text(200, "The client's display name, as printed on the invoice"),
    pickup: Address,
    destination: Address,
    requestedAt: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'When the ride was requested, RFC 3339 (sets the tariff); defaults to now',
      }),
    ),
  },
  { description: 'A request for a ride' },
);
export type RequestTransitBody = Static<typeof RequestTransitSchema>;

export const AcceptTransitSchema = Type.Object({ driverId: Id('the driver who takes the ride') });
export type AcceptTransitBody = Static<typeof AcceptTransitSchema>;

export const UpdateDestinationSchema = Type.Object(
  { destination: Address },
  { description: 'Where the rider wants to go now, instead of the destination the ride was requested with' },
);
export type UpdateDestinationBody = Static<typeof UpdateDestinationSchema>;

export const DestinationChangeQueuedSchema = Type.Object(
  {
    transitId: Id('the ride'),
    destination: Address,
    command: Type.Literal('cabs.transit.update-destination', { description: 'The command queued for the mesh' }),
  },
  {
    description:
      'The change, queued; GET /transits/:id shows the new destination, distance and estimate once the mesh has delivered it',
  },
);
export type DestinationChangeQueued = Static<typeof DestinationChangeQueuedSchema>;

export const TRANSITS_DEFAULT_LIMIT = 50;

export const ListTransitsQuerySchema = Type.Object(
  {
    status: Type.Optional(TransitStatusSchema),
    driverId: Type.Optional(Id('the driver')),
    clientId: Type.Optional(Id('the client')),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 200,
        default: TRANSITS_DEFAULT_LIMIT,
        description: 'At most this many, newest first',
      }),
    ),
  },
  // A misspelt filter would otherwise silently list every ride.
  { additionalProperties: false },
);
export type ListTransitsQuery = Static<typeof ListTransitsQuerySchema>;

export const ReadAddressSchema = Type.Composite([Type.Object({ id: Id('the address') }), Address], {
  description: 'An address as stored; absent parts are left out, so it can be sent back as an Address',
});
export type ReadAddress = Static<typeof ReadAddressSchema>;

export const SettlementStepState = Type.Union([
  Type.Literal('pending'),
  Type.Literal('done'),
  Type.Literal('needs-attention'),
]);
export type SettlementStepState = Static<typeof SettlementStepState>;

export const SettlementSchema = Type.Object(
  {
    fee: Type.Union([Money, Type.Null()], { description: "The driver's fee; null until fees answers" }),
    invoice: Type.Union([Type.Object({ id: Id('the invoice'), number: Type.String() }), Type.Null()], {
      description: 'The invoice; null until invoicing answers',
    }),
    driverFreed: Type.Boolean({
      description: 'Whether drivers has said the driver is free of this ride (cabs.drivers.driver-freed)',
    }),
    steps: Type.Optional(
      Type.Record(Type.String(), SettlementStepState, {
        description:
          'Once completed, each step (fee, invoice, driverFreed): pending, done, or needs-attention (the reconciler asked again its last time and stopped; a person must look)',
      }),
    ),
    reconcileRounds: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: 'Once completed: how many times the reconciler asked again for missing answers',
      }),
    ),
  },
  { description: 'How far the follow-up work of the ride has come; it fills in as the answers arrive' },
);
export type Settlement = Static<typeof SettlementSchema>;

export const ReadTransitSchema = Type.Object(
  {
    id: Id('the ride'),
    status: TransitStatusSchema,
    clientId: Id('the client'),
    clientName: Type.String(),
    driverId: Type.Union([Id('the driver'), Type.Null()]),
    pickup: ReadAddressSchema,
    destination: ReadAddressSchema,
    distanceKm: DistanceKm,
    distanceSource: Type.Union([Type.Literal('haversine'), Type.Literal('fallback')], {
      description:
        'haversine: measured between coordinates; fallback: the configured constant, an address lacked coordinates',
    }),
    tariff: Tariff,
    estimatedPrice: Money,
    price: Type.Union([Money, Type.Null()], { description: 'The final price, once completed' }),
    requestedAt: Timestamp,
    startedAt: Type.Union([Timestamp, Type.Null()]),
    completedAt: Type.Union([Timestamp, Type.Null()]),
    settlement: SettlementSchema,
  },
  { description: 'A ride and its settlement, as this service knows it' },
);
export type ReadTransit = Static<typeof ReadTransitSchema>;
