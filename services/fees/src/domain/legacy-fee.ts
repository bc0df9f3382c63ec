import { driverFee } from './driver-fee.js';
import type { FeeTerms } from './fee-terms.js';

/*
 * The upstream demo's Java app asks in its own words and must keep working unchanged:
 * `cabs.drivers.calculate-fee` → `cabs.drivers.driver-fee`, prices as bare cents,
 * drivers by their legacy numeric id. Same rules, other shapes.
 */

export interface LegacyCalculateFee {
  readonly 'driver-id': number;
  /** cents */
  readonly 'transit-price': number;
}

export interface LegacyDriverFee {
  readonly 'driver-id': number;
  /** cents */
  readonly fee: number;
}

export function answerLegacyCalculateFee(request: LegacyCalculateFee, terms: FeeTerms): LegacyDriverFee {
  const fee = driverFee({ amount: request['transit-price'], currency: 'PLN' }, terms);
  return { 'driver-id': request['driver-id'], fee: fee.amount };
}
