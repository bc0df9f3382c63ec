import { randomUUID } from 'node:crypto';
import type { Agent } from 'supertest';
import { contracts, type DataOf } from '@cabs/contracts';
import { sendContractEvent, sendEvent, type SentContract } from '@cabs/testing';

/** The events fees receives, delivered over real HTTP as the mesh would. */

type FeeTerms = DataOf<typeof contracts.driverRegistered>['feeTerms'];

export const pln = (amount: number) => ({ amount, currency: 'PLN' });

export const DEFAULT_TERMS: FeeTerms = { type: 'percentage', amount: 200 };

export interface Delivery {
  /** The CloudEvent id: the same id again is a redelivery. */
  id?: string;
  /** When drivers stated the fact. */
  time?: string;
}

/** A fact drivers states about a driver, delivered as the mesh brings it from drivers. */
function fromDrivers(
  url: string,
  contract: SentContract,
  data: { driverId: string },
  { id = randomUUID(), time }: Delivery,
) {
  return sendContractEvent(url, contract, data, {
    id,
    source: 'usvc://cabs/drivers',
    subject: data.driverId,
    ...(time && { time }),
  });
}

export const driverRegistered = (
  url: string,
  data: DataOf<typeof contracts.driverRegistered>,
  delivery: Delivery = {},
) => fromDrivers(url, contracts.driverRegistered, data, delivery);

export const feeTermsChanged = (
  url: string,
  data: DataOf<typeof contracts.driverFeeTermsChanged>,
  delivery: Delivery = {},
) => fromDrivers(url, contracts.driverFeeTermsChanged, data, delivery);

export function calculateFee(
  url: string,
  data: DataOf<typeof contracts.calculateFee>,
  { id = randomUUID() }: Delivery = {},
) {
  return sendContractEvent(url, contracts.calculateFee, data, {
    id,
    source: 'usvc://cabs/transit',
    subject: data.transitId,
  });
}

export function legacyCalculateFee(
  url: string,
  data: DataOf<typeof contracts.legacyCalculateFee>,
  { id = randomUUID(), subject = randomUUID() } = {},
) {
  return sendEvent(url, { id, type: contracts.legacyCalculateFee.type, source: 'usvc://cabs/legacy', subject, data });
}

/** A calculate-fee for a new ride of this driver. */
export const aRide = (
  driverId: string,
  price: number,
  completedAt = '2026-03-14T09:30:00.000Z',
): DataOf<typeof contracts.calculateFee> => ({
  transitId: randomUUID(),
  driverId,
  transitPrice: pln(price),
  completedAt,
});

/** Registers a driver with fees (as drivers would) and returns the id. */
export async function knownDriver(url: string, feeTerms: FeeTerms = DEFAULT_TERMS, legacyId?: number): Promise<string> {
  const driverId = randomUUID();
  const res = await driverRegistered(url, {
    driverId,
    name: 'Jan Kowalski',
    feeTerms,
    ...(legacyId !== undefined && { legacyId }),
  });
  if (res.status !== 202) throw new Error(`driver-registered answered ${res.status}: ${await res.text()}`);
  return driverId;
}

/** A query of the fees REST API (supertest on the running app): its status and JSON body. */
export async function getJson<T>(http: Agent, path: string): Promise<{ status: number; body: T }> {
  const res = await http.get(path);
  return { status: res.status, body: res.body as T };
}
