/* The parts of the services' REST answers (docs/contract.md) the demo sends and reads. */

/** Base URLs of the services the demo calls, e.g. `http://127.0.0.1:3001` or `http://transit:3001`. */
export interface ServiceUrls {
  transit: string;
  drivers: string;
}

export interface Address {
  country: string;
  city: string;
  street: string;
  buildingNumber: string;
  postalCode?: string;
  lat?: number;
  lon?: number;
}

export interface Money {
  amount: number;
  currency: string;
}

export interface Transit {
  id: string;
  status: string;
  clientId: string;
  clientName: string;
  driverId?: string | null;
  pickup: Address;
  destination: Address;
  estimatedPrice: Money;
  settlement?: { fee: unknown; invoice: unknown; driverFreed?: boolean };
}

export interface Driver {
  id: string;
  firstName: string;
  lastName: string;
  status: string;
  occupied?: boolean;
}

/** Lists come as arrays; tolerate a paged `{ items }` too. */
export const itemsOf = <T>(body: T[] | { items: T[] }): T[] => (Array.isArray(body) ? body : body.items);

/** An address as CompleteTransit's data takes it: a stored address (transit adds its `id`) without the id. */
export function addressOnly({ country, city, street, buildingNumber, postalCode, lat, lon }: Address): Address {
  return {
    country,
    city,
    street,
    buildingNumber,
    ...(postalCode ? { postalCode } : {}),
    ...(lat !== undefined && lon !== undefined ? { lat, lon } : {}),
  };
}
