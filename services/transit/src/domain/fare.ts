import type { Address } from './address.js';
import type { DistanceProvider, DistanceSource } from './distance.js';
import type { Money } from './money.js';
import { priceOf, tariffFor, type TariffName } from './tariff.js';

/** What pricing depends on besides the ride itself: how to measure, and whose clock sets the tariff. */
export interface FarePolicy {
  readonly distances: DistanceProvider;
  /** IANA zone, e.g. Europe/Warsaw */
  readonly timeZone: string;
}

export interface Fare {
  readonly distanceKm: number;
  readonly distanceSource: DistanceSource;
  readonly tariff: TariffName;
  readonly price: Money;
}

/** The price of going from pickup to destination, at the tariff of the moment the ride was requested. */
export function fareFor(pickup: Address, destination: Address, requestedAt: Date, policy: FarePolicy): Fare {
  const distance = policy.distances.distanceKm(pickup, destination);
  const tariff = tariffFor(requestedAt, policy.timeZone);
  return {
    distanceKm: distance.km,
    distanceSource: distance.source,
    tariff: tariff.name,
    price: priceOf(tariff, distance.km),
  };
}
