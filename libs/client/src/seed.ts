import { itemsOf, type Driver, type ServiceUrls } from './api-shapes.js';
import { DRIVERS, registerDrivers } from './drivers.js';
import { requestJson } from './http-json.js';
import { prepareRide } from './prepare-ride.js';

/**
 * A first start's demo data, through the services' own APIs (never by writing into their databases): the demo's
 * drivers, active, and rides in transit waiting to be completed — fewer rides than drivers, so a new ride always
 * finds a free driver. Does nothing once drivers has any driver; says whether it seeded.
 */
export async function seedIfEmpty(urls: ServiceUrls, log: (line: string) => void, rides = 3): Promise<boolean> {
  if (rides >= DRIVERS.length)
    throw new RangeError(`seed fewer rides than the ${DRIVERS.length} drivers, so one stays free; asked for ${rides}`);
  const existing = itemsOf(await requestJson<Driver[] | { items: Driver[] }>('GET', `${urls.drivers}/drivers?limit=1`));
  if (existing.length) return false;
  await registerDrivers(urls.drivers);
  for (let n = 0; n < rides; n++) await prepareRide(urls, n);
  log(`seeded ${DRIVERS.length} drivers and ${rides} rides waiting to be completed`);
  return true;
}
