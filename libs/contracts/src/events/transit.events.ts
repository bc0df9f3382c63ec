import { Type } from '@sinclair/typebox';
import { defineEvent } from '../define-event.js';
import { Address, DistanceKm, Id, Money, Tariff, Timestamp } from '../building-blocks.js';

export const completeTransit = defineEvent({
  type: 'cabs.transit.complete-transit',
  version: 1,
  kind: 'command',
  status: 'current',
  description:
    'Completes a started ride at its final destination and queues the settlement (fee, invoice, free driver).',
  sentBy: ['console', 'cli'],
  handledBy: ['transit'],
  schema: Type.Object({ transitId: Id('the ride'), destination: Address }),
});

export const updateDestination = defineEvent({
  type: 'cabs.transit.update-destination',
  version: 1,
  kind: 'command',
  status: 'current',
  description:
    "Changes the destination of a ride not yet completed; transit recomputes its distance and estimated price. Queued by transit's POST /transits/:id/destination, which the console and the cabs CLI call for the rider.",
  sentBy: ['transit'],
  handledBy: ['transit'],
  schema: Type.Object({ transitId: Id('the ride'), destination: Address }),
});

export const driverAssigned = defineEvent({
  type: 'cabs.transit.driver-assigned',
  version: 1,
  kind: 'fact',
  status: 'current',
  description: 'A driver accepted a ride, so the driver is now occupied with it.',
  sentBy: ['transit'],
  handledBy: ['drivers'],
  schema: Type.Object({ transitId: Id('the ride'), driverId: Id('the driver') }),
});

export const transitCompleted = defineEvent({
  type: 'cabs.transit.transit-completed',
  version: 1,
  kind: 'fact',
  status: 'current',
  description: 'A ride was completed: its final price, distance and tariff.',
  sentBy: ['transit'],
  handledBy: ['notifications'],
  schema: Type.Object({
    transitId: Id('the ride'),
    clientId: Id('the client'),
    driverId: Id('the driver'),
    price: Money,
    distanceKm: DistanceKm,
    tariff: Tariff,
    completedAt: Timestamp,
  }),
});
