import type { Money } from '../../shared/console-api.js';

/* The parts of the services' REST answers (contract.md) that the console reads. */

export interface Address {
  country: string;
  city: string;
  street: string;
  buildingNumber: string;
  postalCode?: string;
  lat?: number;
  lon?: number;
}

export interface ReadTransit {
  id: string;
  status: string;
  clientId: string;
  clientName: string;
  driverId: string | null;
  pickup: Address & { id?: string };
  destination: Address & { id?: string };
  estimatedPrice: Money;
  price: Money | null;
  completedAt: string | null;
  settlement: { fee: Money | null; invoice: { id: string; number: string } | null; driverFreed?: boolean };
}

export interface DriverView {
  id: string;
  firstName: string;
  lastName: string;
  occupied: boolean;
  occupiedBy: string | null;
}

export interface NotificationView {
  recipient: string;
  transitId?: string;
}

/** Lists come as arrays; tolerate a paged `{ items }` too. */
export const itemsOf = <T>(body: T[] | { items: T[] }): T[] => (Array.isArray(body) ? body : body.items);

/** `Marszałkowska 104` */
export const streetOf = (a: Address): string => `${a.street} ${a.buildingNumber}`;

/** An address as CompleteTransit's data takes it: the stored address without its id. */
export function addressOnly({ country, city, street, buildingNumber, postalCode, lat, lon }: Address): Address {
  return { country, city, street, buildingNumber, ...(postalCode ? { postalCode } : {}), ...(lat !== undefined && lon !== undefined ? { lat, lon } : {}) };
}
