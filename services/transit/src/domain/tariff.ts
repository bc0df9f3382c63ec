import { DEFAULT_TIME_ZONE, localTimeOf, type LocalTime } from './local-time.js';
import { addMoney, divideRoundingHalfUp, money, type Money } from './money.js';

export type TariffName = 'new-years-eve' | 'weekend-plus' | 'weekend' | 'standard';

export interface Tariff {
  readonly name: TariffName;
  readonly ratePerKm: Money;
  readonly baseFee: Money;
}

export const TARIFFS: Readonly<Record<TariffName, Tariff>> = {
  'new-years-eve': { name: 'new-years-eve', ratePerKm: money(350), baseFee: money(1100) },
  'weekend-plus': { name: 'weekend-plus', ratePerKm: money(250), baseFee: money(1000) },
  weekend: { name: 'weekend', ratePerKm: money(150), baseFee: money(800) },
  standard: { name: 'standard', ratePerKm: money(100), baseFee: money(900) },
};

/** The table of docs/domain.md, read top to bottom: the first row that matches wins. */
export function tariffAt({ month, day, weekday, hour }: LocalTime): Tariff {
  const night = hour <= 6;
  const evening = hour >= 17;

  if ((month === 12 && day === 31) || (month === 1 && day === 1 && night)) {
    return TARIFFS['new-years-eve'];
  }
  if ((weekday === 'fri' && evening) || (weekday === 'sat' && (night || evening)) || (weekday === 'sun' && night)) {
    return TARIFFS['weekend-plus'];
  }
  if (weekday === 'sat' || weekday === 'sun') {
    return TARIFFS.weekend;
  }
  return TARIFFS.standard;
}

/** The tariff of a ride is fixed by when it was requested, read in the company's zone. */
export function tariffFor(requestedAt: Date, timeZone: string = DEFAULT_TIME_ZONE): Tariff {
  return tariffAt(localTimeOf(requestedAt, timeZone));
}

/** Price = round-half-up(km × rate, to the cent) + base fee. */
export function priceOf(tariff: Tariff, km: number): Money {
  if (!Number.isFinite(km) || km < 0) {
    throw new RangeError(`A distance must be a non-negative number of km, got ${km}`);
  }
  // Distances carry 3 decimals, so whole metres keep the product in integers.
  const metres = Math.round(km * 1000);
  const distanceCharge = divideRoundingHalfUp(metres * tariff.ratePerKm.amount, 1000);
  return addMoney(money(distanceCharge, tariff.ratePerKm.currency), tariff.baseFee);
}
