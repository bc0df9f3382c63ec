import { itemsOf, type Driver, type ServiceUrls, type Transit } from './api-shapes.js';
import { requestJson } from './http-json.js';
import { rideRequest } from './ride-requests.js';

/** Every active driver is on a ride (or none is registered): a new ride has nobody to accept it. */
export class NoFreeDriver extends Error {
  override name = 'NoFreeDriver';

  constructor() {
    super(
      'every active driver is on a ride: complete one first, or register and activate another driver (POST /drivers, then /activate)',
    );
  }
}

/**
 * A ride in transit, ready to complete, made as a rider's and a driver's apps would: the n-th ride request (any,
 * by default), accepted by a free active driver, started.
 */
export async function prepareRide(urls: ServiceUrls, n = Math.floor(Math.random() * 1000)): Promise<Transit> {
  const free = itemsOf(
    await requestJson<Driver[] | { items: Driver[] }>(
      'GET',
      `${urls.drivers}/drivers?status=active&occupied=false&limit=100`,
    ),
  );
  if (!free.length) throw new NoFreeDriver();
  const driver = free[Math.abs(n) % free.length];
  const requested = await requestJson<Transit>('POST', `${urls.transit}/transits`, rideRequest(n));
  await requestJson('POST', `${urls.transit}/transits/${requested.id}/accept`, { driverId: driver.id });
  return requestJson<Transit>('POST', `${urls.transit}/transits/${requested.id}/start`);
}
