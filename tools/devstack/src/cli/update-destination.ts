import { changeDestination, placeToGo, PLACES, requestJson, samePlace, type Address, type Transit } from '@cabs/client';
import { localUrls } from '../system.js';
import type { CliContext } from './commands.js';
import { dim, money, ok } from './format.js';

const where = (a: Address) => `${a.street} ${a.buildingNumber}`;
const route = (t: Transit) => `${where(t.destination)}, ${t.distanceKm} km, estimated ${money(t.estimatedPrice)}`;

/**
 * The rider changes where a ride goes: transit queues UpdateDestination (POST /transits/:id/destination), and this
 * follows the ride until the mesh has delivered the command and the new distance and estimate show.
 */
export async function updateDestination(
  { ports, print, signal }: CliContext,
  transitId: string,
  hint?: string,
): Promise<void> {
  const transitUrl = localUrls(ports).transit;
  const read = () => requestJson<Transit>('GET', `${transitUrl}/transits/${encodeURIComponent(transitId)}`);
  const before = await read();
  const destination = placeToGo(before, hint);
  if (!destination) {
    const known = PLACES.map(where).join(', ');
    throw new Error(
      hint === undefined
        ? 'the demo knows no other place for this ride'
        : `no demo place matches '${hint}'; the places are: ${known}`,
    );
  }
  print(`ride ${before.id} goes to ${route(before)}; asking transit to go to ${where(destination)}…`);
  const sent = Date.now();
  await changeDestination(transitUrl, before.id, destination);
  print(`${ok('202 Accepted')} in ${Date.now() - sent} ms: transit queued UpdateDestination for the mesh`);

  let lastNote = Date.now();
  while (!signal.aborted) {
    const now = await read().catch(() => undefined);
    if (now && samePlace(now.destination, destination)) {
      print(`  +${String(Date.now() - sent).padStart(5)} ms  destination changed: ${route(now)}`);
      return;
    }
    if (Date.now() - lastNote > 5000) {
      lastNote = Date.now();
      print(
        dim(
          '  … the command is on its way through the mesh (see: npm run cabs -- deliveries). Ctrl-C to stop watching.',
        ),
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
