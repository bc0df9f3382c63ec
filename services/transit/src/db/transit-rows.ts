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

export type TransitRow = Prisma.TransitGetPayload<{ include: typeof WITH_ADDRESSES }>;
export type AddressRow = TransitRow['pickup'];

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

export function addressColumns(address: Address): Omit<Prisma.AddressCreateInput, 'id'> {
  const { country, city, street, buildingNumber } = address;
  return { country, city, street, buildingNumber, postalCode: address.postalCode ?? null, lat: address.lat ?? null, lon: address.lon ?? null };
}

const moneyOf = (amount: bigint, currency: string): Money => money(Number(amount), currency as Currency);
const moneyOrNull = (amount: bigint | null, currency: string | null): Money | null =>
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
    distanceKm: row.distanceKm.toNumber(),
    distanceSource: row.distanceSource as DistanceSource,
    tariff: row.tariff as TariffName,
    estimatedPrice: moneyOf(row.estimatedPriceAmount, row.estimatedPriceCurrency),
    price: moneyOrNull(row.priceAmount, row.priceCurrency),
    requestedAt: row.requestedAt,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
  };
}

/** The columns a transit's own state lives in; its addresses are rows of their own. */
export function transitColumns(transit: Transit) {
  return {
    status: transit.status,
    clientId: transit.clientId,
    clientName: transit.clientName,
    driverId: transit.driverId,
    requestedAt: transit.requestedAt,
    startedAt: transit.startedAt,
    completedAt: transit.completedAt,
    distanceKm: transit.distanceKm,
    distanceSource: transit.distanceSource,
    tariff: transit.tariff,
    estimatedPriceAmount: transit.estimatedPrice.amount,
    estimatedPriceCurrency: transit.estimatedPrice.currency,
    priceAmount: transit.price?.amount ?? null,
    priceCurrency: transit.price?.currency ?? null,
  } satisfies Prisma.TransitUncheckedUpdateInput;
}

export function settlementOf(row: TransitRow): Settlement {
  return {
    fee: moneyOrNull(row.feeAmount, row.feeCurrency),
    invoice: row.invoiceId === null || row.invoiceNumber === null ? null : { id: row.invoiceId, number: row.invoiceNumber },
    driverFreed: row.driverFreed,
  };
}
