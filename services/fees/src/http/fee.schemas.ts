import { Type, type Static } from '@sinclair/typebox';
import { FeeTerms, Id, LegacyDriverId, Money, Timestamp } from '@cabs/contracts';

/*
 * Request types are named apart from their schemas on purpose: a parameter typed with a name that is also a value
 * gets that value (the schema) as its decorator metadata under Vite's transform, and the OpenAPI explorer then
 * mistakes the schema for a class.
 */

export const TransitId = Id('the ride');
export const DriverId = Id('the driver');

const Month = Type.String({ description: 'A calendar month, YYYY-MM', examples: ['2026-03'] });

export const EarningsQuery = Type.Object(
  // Checked by the domain's parseMonth, whose message says what a month looks like.
  { month: Type.Optional(Type.String({ description: 'YYYY-MM; the current month when left out' })) },
  { additionalProperties: false },
);
export type EarningsRequest = Static<typeof EarningsQuery>;

export const FeeView = Type.Object({
  transitId: TransitId,
  driverId: DriverId,
  fee: Money,
  transitPrice: Money,
  feeTerms: FeeTerms,
  completedAt: Timestamp,
  month: Month,
  calculatedAt: Timestamp,
});
export type FeeView = Static<typeof FeeView>;

export const EarningsView = Type.Object({
  driverId: DriverId,
  month: Month,
  earnings: Money,
  rides: Type.Integer({ minimum: 0, description: 'Completed rides whose fee counts towards the month' }),
});
export type EarningsView = Static<typeof EarningsView>;

export const FeeTermsView = Type.Object({
  driverId: DriverId,
  name: Type.String(),
  legacyId: Type.Union([LegacyDriverId, Type.Null()]),
  feeTerms: FeeTerms,
  statedAt: Timestamp,
});
export type FeeTermsView = Static<typeof FeeTermsView>;
