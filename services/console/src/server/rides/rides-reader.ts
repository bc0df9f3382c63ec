import { itemsOf, requestJson, type Driver, type Notification, type Transit } from '@cabs/client';
import type { CompletedRide, RidesView, WaitingRide } from '../../shared/console-api.js';
import type { ServiceName } from '../config.js';
import { fromUpstream, UPSTREAM_TIMEOUT_MS } from '../http/upstream.js';
import { streetOf } from './street-of.js';

const WAITING = 8;
const COMPLETED = 5;

/**
 * Rides for the page, from each service's own REST API (queries stay synchronous): the ones in transit, waiting
 * to be completed, and the latest completed with their settlement as fees, invoicing, drivers and notifications
 * have answered.
 */
export class RidesReader {
  constructor(private readonly services: Record<ServiceName, string>) {}

  async rides(): Promise<RidesView> {
    const [inTransit, completed] = await Promise.all([
      this.transits('in-transit', WAITING),
      this.transits('completed', COMPLETED),
    ]);
    return {
      waiting: inTransit.map(waitingRide),
      completed: await Promise.all(completed.map((t) => this.completedRide(t))),
    };
  }

  transit(id: string): Promise<Transit> {
    return get(`${this.services.transit}/transits/${encodeURIComponent(id)}`);
  }

  private async transits(status: string, limit: number): Promise<Transit[]> {
    return itemsOf(
      await get<Transit[] | { items: Transit[] }>(`${this.services.transit}/transits?status=${status}&limit=${limit}`),
    );
  }

  private async completedRide(t: Transit): Promise<CompletedRide> {
    // A service that is down leaves its part pending; the ride is still shown.
    const [driverFreed, notifications] = await Promise.all([
      this.driverFreed(t).catch(() => false),
      this.notificationCount(t).catch(() => 0),
    ]);
    return {
      id: t.id,
      clientName: t.clientName,
      to: streetOf(t.destination),
      price: t.price,
      completedAt: t.completedAt,
      fee: t.settlement.fee,
      invoiceNumber: t.settlement.invoice?.number ?? null,
      driverFreed,
      notifications,
    };
  }

  /** Freed as far as the drivers service knows: not occupied by this ride any more. */
  private async driverFreed(t: Transit): Promise<boolean> {
    if (!t.driverId) return false;
    const driver = await get<Driver>(`${this.services.drivers}/drivers/${t.driverId}`);
    return !(driver.occupied && driver.occupiedBy === t.id);
  }

  private async notificationCount(t: Transit): Promise<number> {
    const recipients = [`client:${t.clientId}`, ...(t.driverId ? [`driver:${t.driverId}`] : [])];
    const lists = await Promise.all(
      recipients.map(async (r) =>
        itemsOf(
          await get<Notification[] | { items: Notification[] }>(
            `${this.services.notifications}/notifications?recipient=${encodeURIComponent(r)}`,
          ),
        ),
      ),
    );
    return lists.flat().filter((n) => n.transitId === t.id).length;
  }
}

const get = <T>(url: string) => fromUpstream(requestJson<T>('GET', url, undefined, { timeoutMs: UPSTREAM_TIMEOUT_MS }));

function waitingRide(t: Transit): WaitingRide {
  return {
    id: t.id,
    clientName: t.clientName,
    from: streetOf(t.pickup),
    to: streetOf(t.destination),
    estimatedPrice: t.estimatedPrice,
  };
}
