import { randomUUID } from 'node:crypto';
import { contracts } from '@cabs/contracts';
import type pg from 'pg';
import { sendEvent, type RunningService } from '@cabs/testing';

/** Two Warsaw addresses with coordinates (about 3.4 km apart) and one without. */
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
export const NO_COORDINATES = { country: 'Poland', city: 'Warsaw', street: 'Nowy Świat', buildingNumber: '15' };

export type Address = typeof NO_COORDINATES & { postalCode?: string; lat?: number; lon?: number };

export interface Money {
  amount: number;
  currency: string;
}

export interface ReadTransit {
  id: string;
  status: string;
  clientId: string;
  clientName: string;
  driverId: string | null;
  pickup: Address & { id: string };
  destination: Address & { id: string };
  distanceKm: number;
  distanceSource: 'haversine' | 'fallback';
  tariff: string;
  estimatedPrice: Money;
  price: Money | null;
  requestedAt: string;
  startedAt: string | null;
  completedAt: string | null;
  settlement: {
    fee: Money | null;
    invoice: { id: string; number: string } | null;
    driverFreed: boolean;
    steps?: Record<string, string>;
    reconcileRounds?: number;
  };
}

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

/** Real HTTP to one running transit service (supertest on the running app), JSON both ways. */
export class TransitApi {
  constructor(private readonly service: RunningService) {}

  async call<T = ErrorBody>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer<T>> {
    const request = method === 'GET' ? this.service.http.get(path) : this.service.http.post(path);
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

  /** Delivers a command or fact as the mesh would; `id` fixes the CloudEvent id (to redeliver it). */
  deliver(
    contract: { type: string; dataschema: string },
    data: unknown,
    options: { id?: string; subject?: string } = {},
  ): Promise<Response> {
    const subject = options.subject ?? (data as { transitId?: string }).transitId;
    return sendEvent(this.service.url, {
      type: contract.type,
      dataschema: contract.dataschema,
      subject,
      data,
      id: options.id ?? randomUUID(),
    });
  }

  complete(transitId: string, destination: unknown, options: { id?: string } = {}): Promise<Response> {
    return this.deliver(contracts.completeTransit, { transitId, destination }, options);
  }
}

/** What this service's outbox holds about one ride: the events it queued, oldest first. */
export async function queuedAbout(
  db: pg.Pool,
  transitId: string,
): Promise<{ type: string; data: Record<string, unknown> }[]> {
  const { rows } = await db.query('SELECT type, data FROM mesh_outbox WHERE subject = $1 ORDER BY seq', [transitId]);
  return rows;
}
