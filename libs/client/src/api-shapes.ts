import type {
  Address,
  DriverView,
  InvoiceView,
  NotificationView,
  ReadAddress,
  ReadTransit,
  SettlementStepState,
} from '@cabs/contracts';

/* The services' REST answers (docs/contract.md) as their clients read them: the console, the CLI, the bench, the
 * tests. Each is the type of the schema in `@cabs/contracts` (`src/rest/`) that its service validates with and
 * declares in its OpenAPI document (`GET /openapi.json`), so the client cannot read what the service does not say. */

export type { Address, FeeTerms, Money, Settlement } from '@cabs/contracts';

/** Base URLs of the services the demo calls, e.g. `http://127.0.0.1:3001` or `http://transit:3001`. */
export interface ServiceUrls {
  transit: string;
  drivers: string;
}

/** An address as a service stored it: with its id (transit's ReadAddress). */
export type StoredAddress = ReadAddress;

/** Where one step of a completed ride's settlement stands. */
export type StepState = SettlementStepState;

/** transit's `GET /transits/:id` (ReadTransit), and the answer of each of its writes. */
export type Transit = ReadTransit;

/** drivers' `GET /drivers/:id`. */
export type Driver = DriverView;

/** A message of notifications' `GET /notifications?recipient=`. */
export type Notification = NotificationView;

/** An invoice of invoicing's `GET /invoices?transitId=`. */
export type Invoice = InvoiceView;

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
