import { Type, type Static } from '@sinclair/typebox';
import { FeeTerms, Money, Timestamp } from '../building-blocks.js';
import { LegacyDriverId } from '../events/drivers.events.js';
import { DriverId, TransitId } from './ids.js';

/* fees' REST API: what it accepts (validated) and what it answers (documented at its GET /openapi.json). */

const Month = Type.String({ description: 'A calendar month, YYYY-MM', examples: ['2026-03'] });

/* The request type is named apart from its schema: see the note in rest/drivers.ts. */

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
