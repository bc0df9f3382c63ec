import type { Address } from './address.js';

export type DistanceSource = 'haversine' | 'fallback';

export interface Distance {
  /** kilometres, 3 decimals */
  readonly km: number;
  /** How the distance was found; the read model shows it, so a constant is never mistaken for a measurement. */
  readonly source: DistanceSource;
}

/** How far a ride goes. Behind an interface so a routing engine can replace the straight line. */
export interface DistanceProvider {
  distanceKm(from: Address, to: Address): Distance;
}

export const EARTH_RADIUS_KM = 6371;
export const DEFAULT_FALLBACK_KM = 42;

interface Coordinates {
  readonly lat: number;
  readonly lon: number;
}

function coordinatesOf({ lat, lon }: Address): Coordinates | null {
  return typeof lat === 'number' && typeof lon === 'number' ? { lat, lon } : null;
}

const radians = (degrees: number): number => (degrees * Math.PI) / 180;
const toMetrePrecision = (km: number): number => Math.round(km * 1000) / 1000;

/** Great-circle distance on a sphere of the Earth's mean radius. */
export function haversineKm(from: Coordinates, to: Coordinates): number {
  const dLat = radians(to.lat - from.lat);
  const dLon = radians(to.lon - from.lon);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(radians(from.lat)) * Math.cos(radians(to.lat)) * Math.sin(dLon / 2) ** 2;
  // Rounding can push `a` a hair above 1 for antipodes, where asin would give NaN.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(Math.min(1, a)));
}

/** The straight line when both ends have coordinates; otherwise the configured constant, saying so. */
export class HaversineDistance implements DistanceProvider {
  constructor(private readonly fallbackKm: number = DEFAULT_FALLBACK_KM) {
    if (!Number.isFinite(fallbackKm) || fallbackKm < 0) {
      throw new RangeError(`The fallback distance must be a non-negative number of km, got ${fallbackKm}`);
    }
  }

  distanceKm(from: Address, to: Address): Distance {
    const start = coordinatesOf(from);
    const end = coordinatesOf(to);
    if (!start || !end) {
      return { km: this.fallbackKm, source: 'fallback' };
    }
    return { km: toMetrePrecision(haversineKm(start, end)), source: 'haversine' };
  }
}
