import type { Address as WireAddress } from '@cabs/contracts';
import type { Address } from '../domain/address.js';
import type { DistanceSource } from '../domain/distance.js';
import { money, type Currency, type Money } from '../domain/money.js';
import type { Settlement } from '../domain/settlement.js';
import type { TariffName } from '../domain/tariff.js';
import type { Transit, TransitStatus } from '../domain/transit.js';
import type { Prisma } from './generated/client.js';

/*
 * Rows ↔ domain values. The columns hold what the domain wrote (the migration's CHECK
 * constraints guard the names), so reading them back narrows the types without re-validating.
 */

export const WITH_ADDRESSES = { pickup: true, destination: true } as const satisfies Prisma.TransitInclude;

export interface AddressRow {
  id: string;
  country: string;
  city: string;
  street: string;
  buildingNumber: string;
  postalCode: string | null;
  lat: number | null;
  lon: number | null;
}

/** BIGINT: Prisma reads a bigint, node-postgres a string. */
type Int8 = bigint | string;
/** NUMERIC: Prisma reads a Decimal, node-postgres a string; both print the exact value. */
type Numeric = string | { toString(): string };

/**
 * A transit with its addresses as both sides read it: Prisma with `WITH_ADDRESSES` (the queries) and
 * `TRANSIT_SELECT` through node-postgres (the writes).
 */
export interface TransitRow {
  id: string;
  status: string;
  clientId: string;
  clientName: string;
  driverId: string | null;
  pickup: AddressRow;
  destination: AddressRow;
  requestedAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  distanceKm: Numeric;
  distanceSource: string;
  tariff: string;
  estimatedPriceAmount: Int8;
  estimatedPriceCurrency: string;
  priceAmount: Int8 | null;
  priceCurrency: string | null;
  feeAmount: Int8 | null;
  feeCurrency: string | null;
  invoiceId: string | null;
  invoiceNumber: string | null;
  driverFreed: boolean;
  reconcileRounds: number;
  lastReconciledAt: Date | null;
  nextReconcileAt: Date | null;
}

const address = (a: string) =>
  `jsonb_build_object('id', ${a}.id, 'country', ${a}.country, 'city', ${a}.city, 'street', ${a}.street, 'buildingNumber', ${a}.building_number,
                      'postalCode', ${a}.postal_code, 'lat', ${a}.lat, 'lon', ${a}.lon)`;

/** Reads `TransitRow`s: `${TRANSIT_SELECT} WHERE t.id = $1`. */
export const TRANSIT_SELECT = `
  SELECT t.id, t.status, t.client_id AS "clientId", t.client_name AS "clientName", t.driver_id AS "driverId",
         ${address('p')} AS pickup, ${address('d')} AS destination,
         t.requested_at AS "requestedAt", t.started_at AS "startedAt", t.completed_at AS "completedAt",
         t.distance_km AS "distanceKm", t.distance_source AS "distanceSource", t.tariff,
         t.estimated_price_amount AS "estimatedPriceAmount", t.estimated_price_currency AS "estimatedPriceCurrency",
         t.price_amount AS "priceAmount", t.price_currency AS "priceCurrency", t.fee_amount AS "feeAmount",
         t.fee_currency AS "feeCurrency", t.invoice_id AS "invoiceId", t.invoice_number AS "invoiceNumber",
         t.driver_freed AS "driverFreed", t.reconcile_rounds AS "reconcileRounds",
         t.last_reconciled_at AS "lastReconciledAt", t.next_reconcile_at AS "nextReconcileAt"
    FROM transits t JOIN addresses p ON p.id = t.pickup_id JOIN addresses d ON d.id = t.destination_id`;

/** Absent parts stay absent (not null), so an address read back is a valid Address to send again. */
export function addressOf(row: AddressRow): WireAddress {
  const { country, city, street, buildingNumber, postalCode, lat, lon } = row;
  return {
    country,
    city,
    street,
    buildingNumber,
    ...(postalCode !== null && { postalCode }),
    ...(lat !== null && { lat }),
    ...(lon !== null && { lon }),
  };
}

/** An address's columns after its id, in the order of `ADDRESS_COLUMNS`. */
export const addressValues = (address: Address) => [
  address.country,
  address.city,
  address.street,
  address.buildingNumber,
  address.postalCode ?? null,
  address.lat ?? null,
  address.lon ?? null,
];
export const ADDRESS_COLUMNS = 'country, city, street, building_number, postal_code, lat, lon';

const moneyOf = (amount: Int8, currency: string): Money => money(Number(amount), currency as Currency);
const moneyOrNull = (amount: Int8 | null, currency: string | null): Money | null =>
  amount === null || currency === null ? null : moneyOf(amount, currency);

export function transitOf(row: TransitRow): Transit {
  return {
    id: row.id,
    status: row.status as TransitStatus,
    clientId: row.clientId,
    clientName: row.clientName,
    driverId: row.driverId,
    pickup: addressOf(row.pickup),
    destination: addressOf(row.destination),
    distanceKm: Number(row.distanceKm.toString()),
    distanceSource: row.distanceSource as DistanceSource,
    tariff: row.tariff as TariffName,
    estimatedPrice: moneyOf(row.estimatedPriceAmount, row.estimatedPriceCurrency),
    price: moneyOrNull(row.priceAmount, row.priceCurrency),
    requestedAt: row.requestedAt,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
  };
}

/** The columns a transit's own state lives in (its addresses are rows of their own), in the order of `transitValues`. */
export const TRANSIT_COLUMNS = `status, client_id, client_name, driver_id, requested_at, started_at, completed_at, distance_km, distance_source,
  tariff, estimated_price_amount, estimated_price_currency, price_amount, price_currency`;

export const transitValues = (transit: Transit) => [
  transit.status,
  transit.clientId,
  transit.clientName,
  transit.driverId,
  transit.requestedAt,
  transit.startedAt,
  transit.completedAt,
  transit.distanceKm,
  transit.distanceSource,
  transit.tariff,
  transit.estimatedPrice.amount,
  transit.estimatedPrice.currency,
  transit.price?.amount ?? null,
  transit.price?.currency ?? null,
];

export function settlementOf(row: TransitRow): Settlement {
  return {
    fee: moneyOrNull(row.feeAmount, row.feeCurrency),
    invoice:
      row.invoiceId === null || row.invoiceNumber === null ? null : { id: row.invoiceId, number: row.invoiceNumber },
    driverFreed: row.driverFreed,
  };
}
