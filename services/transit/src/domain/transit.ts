import { sameAddress, type Address } from './address.js';
import type { DistanceSource } from './distance.js';
import { DomainError } from './domain-error.js';
import { fareFor, type FarePolicy } from './fare.js';
import type { Money } from './money.js';
import type { TariffName } from './tariff.js';

/*
 * requested ──accept──▶ driver-assigned ──start──▶ in-transit ──complete──▶ completed
 *     └────────cancel─────────┴──▶ cancelled
 *
 * Each operation takes a transit and returns a new one; the handler loads and saves.
 */

export const TRANSIT_STATUSES = ['requested', 'driver-assigned', 'in-transit', 'completed', 'cancelled'] as const;
export type TransitStatus = (typeof TRANSIT_STATUSES)[number];

export interface Transit {
  readonly id: string;
  readonly status: TransitStatus;
  readonly clientId: string;
  readonly clientName: string;
  readonly driverId: string | null;
  readonly pickup: Address;
  readonly destination: Address;
  readonly distanceKm: number;
  readonly distanceSource: DistanceSource;
  readonly tariff: TariffName;
  readonly estimatedPrice: Money;
  /** The final price, known once completed. */
  readonly price: Money | null;
  readonly requestedAt: Date;
  readonly startedAt: Date | null;
  readonly completedAt: Date | null;
}

export interface CompletedTransit extends Transit {
  readonly status: 'completed';
  readonly driverId: string;
  readonly price: Money;
  readonly startedAt: Date;
  readonly completedAt: Date;
}

export function isCompleted(transit: Transit): transit is CompletedTransit {
  return transit.status === 'completed';
}

export interface TransitRequest {
  /** Chosen by the caller, so that the domain stays deterministic. */
  readonly id: string;
  readonly clientId: string;
  readonly clientName: string;
  readonly pickup: Address;
  readonly destination: Address;
  readonly requestedAt: Date;
}

export function requestTransit(request: TransitRequest, policy: FarePolicy): Transit {
  requireText(request.clientId, 'a client id');
  requireText(request.clientName, "the client's name");
  if (Number.isNaN(request.requestedAt.getTime())) {
    throw new DomainError('invalid-request', 'A transit needs a valid request time.');
  }
  const fare = fareFor(request.pickup, request.destination, request.requestedAt, policy);
  return {
    ...request,
    status: 'requested',
    driverId: null,
    distanceKm: fare.distanceKm,
    distanceSource: fare.distanceSource,
    tariff: fare.tariff,
    estimatedPrice: fare.price,
    price: null,
    startedAt: null,
    completedAt: null,
  };
}

export function accept(transit: Transit, driverId: string): Transit {
  requireStatus(transit, ['requested'], 'accept', 'only a requested transit can be accepted by a driver');
  requireText(driverId, 'a driver id');
  return { ...transit, status: 'driver-assigned', driverId };
}

export function start(transit: Transit, now: Date): Transit {
  requireStatus(transit, ['driver-assigned'], 'start', 'a transit starts once a driver has accepted it');
  return { ...transit, status: 'in-transit', startedAt: now };
}

export type Completion =
  | { readonly outcome: 'completed'; readonly transit: CompletedTransit }
  /** The same completion arrived again (a redelivered command): nothing changes, nothing is queued again. */
  | { readonly outcome: 'already-completed'; readonly transit: CompletedTransit };

/**
 * Ends the ride where the rider actually got out. The tariff stays the one of the
 * request time: a ride requested on Friday at 16:50 is not repriced at 17:00.
 */
export function complete(transit: Transit, destination: Address, now: Date, policy: FarePolicy): Completion {
  if (isCompleted(transit)) {
    if (!sameAddress(transit.destination, destination)) {
      throw new DomainError(
        'completed-with-other-destination',
        `Transit ${transit.id} is already completed at another destination; a completed transit cannot be completed again elsewhere.`,
      );
    }
    return { outcome: 'already-completed', transit };
  }
  requireStatus(transit, ['in-transit'], 'complete', 'only a transit in progress can be completed');

  const finalDestination = sameAddress(transit.destination, destination) ? transit.destination : destination;
  const fare = fareFor(transit.pickup, finalDestination, transit.requestedAt, policy);
  return {
    outcome: 'completed',
    transit: {
      ...transit,
      status: 'completed',
      driverId: transit.driverId as string, // in-transit implies a driver accepted it
      startedAt: transit.startedAt as Date,
      destination: finalDestination,
      distanceKm: fare.distanceKm,
      distanceSource: fare.distanceSource,
      tariff: fare.tariff,
      price: fare.price,
      completedAt: now,
    },
  };
}

export function cancel(transit: Transit): Transit {
  requireStatus(
    transit,
    ['requested', 'driver-assigned'],
    'cancel',
    'a transit can be cancelled only before it starts',
  );
  return { ...transit, status: 'cancelled' };
}

/** A new destination before or during the ride: distance and estimate follow it. */
export function updateDestination(transit: Transit, destination: Address, policy: FarePolicy): Transit {
  requireStatus(
    transit,
    ['requested', 'driver-assigned', 'in-transit'],
    'change the destination of',
    'the destination can change only until the transit is completed or cancelled',
  );
  const fare = fareFor(transit.pickup, destination, transit.requestedAt, policy);
  return {
    ...transit,
    destination,
    distanceKm: fare.distanceKm,
    distanceSource: fare.distanceSource,
    tariff: fare.tariff,
    estimatedPrice: fare.price,
  };
}

function requireStatus(transit: Transit, allowed: readonly TransitStatus[], action: string, rule: string): void {
  if (!allowed.includes(transit.status)) {
    const message = `Cannot ${action} transit ${transit.id}: it is ${transit.status}; ${rule}.`;
    throw new DomainError('transition-not-allowed', message);
  }
}

function requireText(value: string, what: string): void {
  if (value.trim() === '') {
    throw new DomainError('invalid-request', `A transit needs ${what}.`);
  }
}
