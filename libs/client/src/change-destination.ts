import { addressOnly, type Address } from './api-shapes.js';
import { requestJson } from './http-json.js';
import { PLACES } from './ride-requests.js';

/** transit's answer to `POST /transits/:id/destination`: the change, queued as a command for the mesh. */
export interface DestinationChangeQueued {
  transitId: string;
  destination: Address;
  command: string;
}

/**
 * The rider asks to go elsewhere, as a rider's app would: transit queues UpdateDestination through its outbox and
 * answers 202; the ride shows the new destination once the mesh has delivered the command. Throws `Refused` with
 * transit's message for a ride that cannot change (404, 409) and `NoAnswer` when transit is not running.
 */
export function changeDestination(
  transitUrl: string,
  transitId: string,
  destination: Address,
): Promise<DestinationChangeQueued> {
  return requestJson<DestinationChangeQueued>(
    'POST',
    `${transitUrl}/transits/${encodeURIComponent(transitId)}/destination`,
    { destination: addressOnly(destination) },
  );
}

/** The same place, whatever ids or absent fields the two copies carry. */
export function samePlace(a: Address, b: Address): boolean {
  return JSON.stringify(addressOnly(a)) === JSON.stringify(addressOnly(b));
}

/**
 * One of the demo's places for a ride to go to instead: the first whose street contains `hint` (case and accents
 * ignored), or without a hint the place after the ride's current destination. Undefined when nothing matches.
 */
export function placeToGo(ride: { pickup: Address; destination: Address }, hint?: string): Address | undefined {
  const plain = (text: string) =>
    text
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase();
  const candidates = PLACES.filter((p) => !samePlace(p, ride.destination) && !samePlace(p, ride.pickup));
  if (hint !== undefined) return candidates.find((p) => plain(`${p.street} ${p.buildingNumber}`).includes(plain(hint)));
  const current = PLACES.findIndex((p) => samePlace(p, ride.destination));
  return [...PLACES.slice(current + 1), ...PLACES.slice(0, current + 1)].find((p) => candidates.includes(p));
}
