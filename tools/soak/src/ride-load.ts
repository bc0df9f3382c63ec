import { registerDrivers } from '@cabs/client';
import { pause } from './pause.js';
import type { Rider } from './rider.js';

export interface RideOutcome {
  n: number;
  /** The ride's id, once transit created it. */
  id?: string;
  /** The mesh answered 202 to its CompleteTransit. */
  accepted: boolean;
  error?: string;
}

export interface LoadOptions {
  rides: number;
  /** Rides started per second. */
  rate: number;
  /** At most this many rides in progress at once (a rider waits while the system is down). */
  maxInFlight: number;
  /** Drivers taken in turn; a driver may be on several rides while the mesh catches up (drivers is built for that). */
  drivers: string[];
}

/**
 * Completes `rides` rides at a steady rate: ride n starts at n / rate seconds, or as soon as fewer than
 * `maxInFlight` are in progress. Resolves with every ride's outcome once each has been accepted by the mesh or failed.
 */
export async function runRideLoad(
  rider: Rider,
  options: LoadOptions,
  onProgress: (done: number) => void = () => {},
): Promise<RideOutcome[]> {
  const outcomes: RideOutcome[] = [];
  const inFlight = new Set<Promise<void>>();
  const started = Date.now();
  for (let n = 0; n < options.rides; n++) {
    await pause(Math.max(0, started + (n * 1000) / options.rate - Date.now()));
    while (inFlight.size >= options.maxInFlight) await Promise.race(inFlight);
    const outcome: RideOutcome = { n, accepted: false };
    outcomes.push(outcome);
    const ride = rider
      .ride(n, options.drivers[n % options.drivers.length], (id) => (outcome.id = id))
      .then(
        () => {
          outcome.accepted = true;
        },
        (err: Error) => {
          outcome.error = err.message;
        },
      )
      .finally(() => {
        inFlight.delete(ride);
        onProgress(outcomes.filter((o) => o.accepted || o.error).length);
      });
    inFlight.add(ride);
  }
  await Promise.all(inFlight);
  return outcomes;
}

/** Registers and activates `count` drivers through the drivers API; returns their ids. */
export function registerSoakDrivers(driversUrl: string, count: number): Promise<string[]> {
  return registerDrivers(
    driversUrl,
    Array.from({ length: count }, (_, i) => ({
      firstName: 'Soak',
      lastName: `Driver ${i}`,
      licenseNumber: `SOAKD${String(i).padStart(6, '0')}AB1CD`,
      feeTerms: i % 2 ? { type: 'percentage', amount: 1000 } : { type: 'flat', amount: 300 },
    })),
  );
}
