import type { Address, FeeTerms, Money, Tariff, TaxRate } from '@cabs/contracts';

/* The services' REST answers (docs/contract.md) as their clients read them: the console, the CLI, the bench, the
 * tests. Each service declares them in its OpenAPI document (`GET /openapi.json`). */

export type { Address, FeeTerms, Money } from '@cabs/contracts';

/** Base URLs of the services the demo calls, e.g. `http://127.0.0.1:3001` or `http://transit:3001`. */
export interface ServiceUrls {
  transit: string;
  drivers: string;
}

/** An address as a service stored it: with its id. */
export type StoredAddress = Address & { id: string };

export type StepState = 'pending' | 'done' | 'needs-attention';

/** How far a ride's follow-up work has come; it fills in as the answers arrive. */
export interface Settlement {
  fee: Money | null;
  invoice: { id: string; number: string } | null;
  driverFreed: boolean;
  /** Once completed: each step (fee, invoice, driverFreed) and where it stands. */
  steps?: Record<string, StepState>;
  /** Once completed: how many times the reconciler asked again for missing answers. */
  reconcileRounds?: number;
}

/** transit's `GET /transits/:id` (ReadTransit), and the answer of each of its writes. */
export interface Transit {
  id: string;
  status: 'requested' | 'driver-assigned' | 'in-transit' | 'completed' | 'cancelled';
  clientId: string;
  clientName: string;
  driverId: string | null;
  pickup: StoredAddress;
  destination: StoredAddress;
  distanceKm: number;
  distanceSource: 'haversine' | 'fallback';
  tariff: Tariff;
  estimatedPrice: Money;
  /** Once completed. */
  price: Money | null;
  requestedAt: string;
  startedAt: string | null;
  completedAt: string | null;
  settlement: Settlement;
}

/** drivers' `GET /drivers/:id`. */
export interface Driver {
  id: string;
  firstName: string;
  lastName: string;
  status: 'active' | 'inactive';
  type: 'candidate' | 'regular';
  licenseNumber: string;
  licenseExpires: string | null;
  feeTerms: FeeTerms;
  attributes: Record<string, unknown>;
  occupied: boolean;
  /** The ride the driver is on. */
  occupiedBy: string | null;
  legacyId: number | null;
  createdAt: string;
}

/** A message of notifications' `GET /notifications?recipient=`. */
export interface Notification {
  id: string;
  /** `client:<id>` or `driver:<id>`. */
  recipient: string;
  kind: 'ride-completed' | 'invoice-issued' | 'fee-calculated';
  text: string;
  transitId: string;
  factType: string;
  createdAt: string;
}

/** An invoice of invoicing's `GET /invoices?transitId=`. */
export interface Invoice {
  id: string;
  number: string;
  transitId: string;
  clientId: string;
  clientName: string;
  amount: Money;
  net: Money;
  tax: Money;
  taxRate: TaxRate;
  issuedAt: string;
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
