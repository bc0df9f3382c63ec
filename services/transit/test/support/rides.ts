import { randomUUID } from 'node:crypto';
import { contracts, type ReadTransit } from '@cabs/contracts';
import type pg from 'pg';
import { sendContractEvent, type RunningService } from '@cabs/testing';

/** Warsaw addresses with coordinates (the first two about 3.4 km apart, the airport 9.5 km from the old town) and one without. */
export const OLD_TOWN = {
  country: 'Poland',
  city: 'Warsaw',
  street: 'plac Zamkowy',
  buildingNumber: '4',
  postalCode: '00-277',
  lat: 52.2477,
  lon: 21.0137,
};
export const MOKOTOW = {
  country: 'Poland',
  city: 'Warsaw',
  street: 'Puławska',
  buildingNumber: '2',
  lat: 52.2183,
  lon: 21.0196,
};
export const AIRPORT = {
  country: 'Poland',
  city: 'Warsaw',
  street: 'Żwirki i Wigury',
  buildingNumber: '1',
  lat: 52.1672,
  lon: 20.9679,
};
export const NO_COORDINATES = { country: 'Poland', city: 'Warsaw', street: 'Nowy Świat', buildingNumber: '15' };

export type Address = typeof NO_COORDINATES & { postalCode?: string; lat?: number; lon?: number };

/** A request for a ride; Friday 2021-04-16 08:30 in Warsaw, the standard tariff, unless overridden. */
export const aRideRequest = (overrides: Record<string, unknown> = {}) => ({
  clientId: randomUUID(),
  clientName: 'Ada Kowalska',
  pickup: OLD_TOWN,
  destination: MOKOTOW,
  requestedAt: '2021-04-16T08:30:00+02:00',
  ...overrides,
});

export interface ErrorBody {
  statusCode: number;
  message: string | string[];
  code?: string;
}

export interface Answer<T> {
  status: number;
  body: T;
  headers: Record<string, string>;
}

/** Delivery options: `id` fixes the CloudEvent id (to redeliver it); `traceparent` continues a trace. */
export interface Delivery {
  id?: string;
  subject?: string;
  traceparent?: string;
}

/** Real HTTP to the running transit service under test (supertest on the running app), JSON both ways. */
export class TransitApi {
  constructor(private readonly transit: { readonly service: RunningService }) {}

  async call<T = ErrorBody>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer<T>> {
    const { http } = this.transit.service;
    const request = method === 'GET' ? http.get(path) : http.post(path);
    const res = await (body === undefined ? request : request.send(body as object));
    return {
      status: res.status,
      body: (res.text ? res.body : undefined) as T,
      headers: res.headers as Record<string, string>,
    };
  }

  /** The call must succeed with `status`; returns the body. */
  async expect<T = ReadTransit>(status: number, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await this.call<T>(method, path, body);
    if (res.status !== status)
      throw new Error(`${method} ${path} answered ${res.status}, expected ${status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  request(overrides: Record<string, unknown> = {}): Promise<ReadTransit> {
    return this.expect(201, 'POST', '/transits', aRideRequest(overrides));
  }

  read(id: string): Promise<ReadTransit> {
    return this.expect(200, 'GET', `/transits/${id}`);
  }

  /** A ride accepted by a new driver and started: ready to complete. */
  async inTransit(overrides: Record<string, unknown> = {}): Promise<ReadTransit> {
    const { id } = await this.request(overrides);
    await this.expect(200, 'POST', `/transits/${id}/accept`, { driverId: randomUUID() });
    return this.expect(200, 'POST', `/transits/${id}/start`);
  }

  /** Delivers a command or fact as the mesh would, about the ride its data names unless `subject` says otherwise. */
  deliver(contract: { type: string; dataschema: string }, data: unknown, options: Delivery = {}): Promise<Response> {
    const { id = randomUUID(), subject = (data as { transitId?: string }).transitId, ...extensions } = options;
    return sendContractEvent(this.transit.service.url, contract, data, { id, subject, ...extensions });
  }

  complete(transitId: string, destination: unknown, options: Delivery = {}): Promise<Response> {
    return this.deliver(contracts.completeTransit, { transitId, destination }, options);
  }

  /** A ride completed at its planned destination (the command accepted, 202), as read back. */
  async completed(options: Delivery = {}): Promise<ReadTransit> {
    const ride = await this.inTransit();
    const res = await this.complete(ride.id, ride.destination, options);
    if (res.status !== 202)
      throw new Error(`complete-transit answered ${res.status}, expected 202: ${await res.text()}`);
    return this.read(ride.id);
  }
}

/** The answers fees and invoicing send about a completed ride. */
export const feeCalculated = (ride: ReadTransit, amount: number) => ({
  transitId: ride.id,
  driverId: ride.driverId,
  fee: { amount, currency: 'PLN' },
  transitPrice: ride.price,
  completedAt: ride.completedAt,
});
export const invoiceIssued = (ride: ReadTransit, number: string) => ({
  invoiceId: randomUUID(),
  number,
  transitId: ride.id,
  clientId: ride.clientId,
  amount: ride.price,
  issuedAt: new Date().toISOString(),
});

/** What this service's outbox holds about one ride: the events it queued, oldest first. */
export async function queuedAbout(
  db: pg.Pool,
  transitId: string,
): Promise<{ type: string; data: Record<string, unknown> }[]> {
  const { rows } = await db.query('SELECT type, data FROM mesh_outbox WHERE subject = $1 ORDER BY seq', [transitId]);
  return rows;
}
