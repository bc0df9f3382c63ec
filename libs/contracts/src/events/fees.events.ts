import { Type } from '@sinclair/typebox';
import { defineEvent } from '../define-event.js';
import { Id, Money, Timestamp } from '../building-blocks.js';

export const calculateFee = defineEvent({
  type: 'cabs.fees.calculate-fee',
  version: 1,
  kind: 'command',
  status: 'current',
  description: "Computes the driver's fee for a completed ride from the driver's fee terms.",
  sentBy: ['transit'],
  handledBy: ['fees'],
  schema: Type.Object({
    transitId: Id('the ride'),
    driverId: Id('the driver'),
    transitPrice: Money,
    completedAt: Timestamp,
  }),
});

export const driverFeeCalculated = defineEvent({
  type: 'cabs.fees.driver-fee-calculated',
  version: 1,
  kind: 'fact',
  status: 'current',
  description: "The driver's fee (earnings) for a completed ride was calculated.",
  sentBy: ['fees'],
  handledBy: ['transit', 'notifications'],
  // The price and completion time let any reader attribute the earnings to a month without asking transit.
  schema: Type.Object({
    transitId: Id('the ride'),
    driverId: Id('the driver'),
    fee: Money,
    transitPrice: Money,
    completedAt: Timestamp,
  }),
});
