import { requestJson, rideRequest, type Transit } from '@cabs/client';
import type { SystemPorts } from '@cabs/devstack';

const local = (port: number) => `http://127.0.0.1:${port}`;

/** Runs `task` for 0..count-1, `concurrency` at a time. */
export async function inParallel(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) await task(i);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** A well-formed, unique licence number per index: BENCH + 6 digits + AB1CD. */
const licence = (i: number) => `BENCH${String(i).padStart(6, '0')}AB1CD`;

/**
 * Active drivers registered through the drivers API. Half on the default terms, half on a percentage with a
 * minimum: terms a short city ride always leaves a positive fee under (a flat commission may not).
 */
export async function registerDrivers(ports: SystemPorts, count: number): Promise<string[]> {
  const ids: string[] = new Array(count);
  await inParallel(count, 8, async (i) => {
    const feeTerms = i % 2 ? { type: 'percentage', amount: 700, min: 500 } : undefined;
    const driver = await requestJson<{ id: string }>('POST', `${local(ports.drivers)}/drivers`, {
      firstName: 'Bench',
      lastName: `Driver ${i}`,
      licenseNumber: licence(i),
      feeTerms,
    });
    await requestJson('POST', `${local(ports.drivers)}/drivers/${driver.id}/activate`);
    ids[i] = driver.id;
  });
  return ids;
}

/**
 * Rides in transit, ready to complete, through the transit API (request, accept, start). Drivers are taken in
 * turn rather than "a free one" as `prepareRide` does: consecutive rides have different drivers, and preparing
 * thousands does not wait for each driver's occupancy to travel over the mesh.
 */
export async function prepareRides(
  ports: SystemPorts,
  drivers: readonly string[],
  count: number,
  first = 0,
): Promise<Transit[]> {
  const rides: Transit[] = new Array(count);
  await inParallel(count, 8, async (i) => {
    const n = first + i;
    const created = await requestJson<Transit>('POST', `${local(ports.transit)}/transits`, rideRequest(n));
    await requestJson('POST', `${local(ports.transit)}/transits/${created.id}/accept`, {
      driverId: drivers[n % drivers.length],
    });
    rides[i] = await requestJson<Transit>('POST', `${local(ports.transit)}/transits/${created.id}/start`);
  });
  return rides;
}
