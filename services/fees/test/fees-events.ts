import { randomUUID } from 'node:crypto';
import type { Agent } from 'supertest';
import { contracts, type DataOf } from '@cabs/contracts';
import { sendEvent } from '@cabs/testing';

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

export function driverRegistered(
  url: string,
  data: DataOf<typeof contracts.driverRegistered>,
  { id = randomUUID(), time }: Delivery = {},
) {
  const { type, dataschema } = contracts.driverRegistered;
  return sendEvent(url, {
    id,
    type,
    dataschema,
    source: 'usvc://cabs/drivers',
    subject: data.driverId,
    data,
    ...(time && { time }),
  });
}

export function feeTermsChanged(
  url: string,
  data: DataOf<typeof contracts.driverFeeTermsChanged>,
  { id = randomUUID(), time }: Delivery = {},
) {
  const { type, dataschema } = contracts.driverFeeTermsChanged;
  return sendEvent(url, {
    id,
    type,
    dataschema,
    source: 'usvc://cabs/drivers',
    subject: data.driverId,
    data,
    ...(time && { time }),
  });
}

export function calculateFee(
  url: string,
  data: DataOf<typeof contracts.calculateFee>,
  { id = randomUUID() }: Delivery = {},
) {
  const { type, dataschema } = contracts.calculateFee;
  return sendEvent(url, { id, type, dataschema, source: 'usvc://cabs/transit', subject: data.transitId, data });
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
