/**
 * The company's commission as drivers states it (validated there, see the
 * driver-registered and driver-fee-terms-changed facts); fees only applies it.
 */
export interface FeeTerms {
  readonly type: 'percentage' | 'flat';
  /** percentage: basis points (hundredths of a percent, 0–10000); flat: cents */
  readonly amount: number;
  /** The least the driver earns from a ride, in cents; never more than the ride's price. */
  readonly min?: number;
}

/** 2 %, for a driver registered without terms. */
export const DEFAULT_FEE_TERMS: FeeTerms = { type: 'percentage', amount: 200 };
