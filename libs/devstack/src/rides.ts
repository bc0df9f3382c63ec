import { randomUUID } from 'node:crypto';
import { CloudEvent, HTTP } from 'cloudevents';
import { contracts } from '@cabs/contracts';
import { requestJson } from './http-json.js';
import type { SystemPorts } from './system.js';

const local = (port: number) => `http://127.0.0.1:${port}`;

export interface Address {
  country: string;
  city: string;
  street: string;
  buildingNumber: string;
  postalCode?: string;
  lat?: number;
  lon?: number;
}

/** A handful of real Warsaw addresses, with coordinates so distances are real. */
export const ADDRESSES: Address[] = [
  { country: 'Poland', city: 'Warsaw', street: 'Marszałkowska', buildingNumber: '104', postalCode: '00-017', lat: 52.2319, lon: 21.0067 },
  { country: 'Poland', city: 'Warsaw', street: 'Żwirki i Wigury', buildingNumber: '1', postalCode: '00-906', lat: 52.1672, lon: 20.9679 },
  { country: 'Poland', city: 'Warsaw', street: 'plac Zamkowy', buildingNumber: '4', postalCode: '00-277', lat: 52.2477, lon: 21.0137 },
  { country: 'Poland', city: 'Warsaw', street: 'Aleja Jana Pawła II', buildingNumber: '82', postalCode: '00-175', lat: 52.2563, lon: 20.9849 },
  { country: 'Poland', city: 'Warsaw', street: 'Wybrzeże Kościuszkowskie', buildingNumber: '20', postalCode: '00-390', lat: 52.2418, lon: 21.0287 },
  { country: 'Poland', city: 'Warsaw', street: 'Aleja Wilanowska', buildingNumber: '2', postalCode: '02-765', lat: 52.1649, lon: 21.0906 },
];

export const CLIENTS = [
  { clientId: '3f1d2c3b-8a8e-4f57-9d43-7c1e6b7f0a01', clientName: 'Ada Kowalska' },
  { clientId: '3f1d2c3b-8a8e-4f57-9d43-7c1e6b7f0a02', clientName: 'Jan Nowak' },
  { clientId: '3f1d2c3b-8a8e-4f57-9d43-7c1e6b7f0a03', clientName: 'Maria Wiśniewska' },
];

export interface Driver {
  id: string;
  firstName: string;
  lastName: string;
  status: string;
  occupied?: boolean;
}

export interface Transit {
  id: string;
  status: string;
  clientId: string;
  driverId?: string | null;
  destination: Address;
  estimatedPrice?: { amount: number; currency: string };
  settlement?: { fee: unknown; invoice: unknown; driverFreed?: boolean };
}

/** A ride in transit, ready to complete: request it, let a free active driver accept it, start it. */
export async function prepareRide(ports: SystemPorts, n = Math.floor(Math.random() * 1000)): Promise<Transit> {
  const drivers = await requestJson<Driver[] | { items: Driver[] }>('GET', `${local(ports.drivers)}/drivers?status=active&limit=100`);
  const list = Array.isArray(drivers) ? drivers : drivers.items;
  const free = list.filter((d) => !d.occupied);
  if (!free.length) throw new Error('No free active driver to accept a ride; register and activate one (POST /drivers, /activate)');
  const driver = free[n % free.length];
  const client = CLIENTS[n % CLIENTS.length];
  const transit = await requestJson<Transit>('POST', `${local(ports.transit)}/transits`, {
    ...client,
    pickup: ADDRESSES[n % ADDRESSES.length],
    destination: ADDRESSES[(n + 1) % ADDRESSES.length],
  });
  await requestJson('POST', `${local(ports.transit)}/transits/${transit.id}/accept`, { driverId: driver.id });
  return requestJson<Transit>('POST', `${local(ports.transit)}/transits/${transit.id}/start`);
}

/** Sends CompleteTransit to the mesh's ingress, as a rider's app would; returns the HTTP status (202 = persisted). */
export async function completeThroughMesh(
  ports: SystemPorts,
  transit: Pick<Transit, 'id' | 'destination'>,
  options: { source?: string; token?: string } = {},
): Promise<{ status: number; eventId: string; body: string }> {
  const event = new CloudEvent({
    id: randomUUID(),
    source: options.source ?? 'usvc://cabs/cli',
    type: contracts.completeTransit.type,
    dataschema: contracts.completeTransit.dataschema,
    subject: transit.id,
    datacontenttype: 'application/json',
    data: { transitId: transit.id, destination: transit.destination },
  });
  const message = HTTP.binary(event);
  const token = options.token ?? process.env.MESH_TOKEN;
  const res = await fetch(`${local(ports.broker)}/cabs/default`, {
    method: 'POST',
    headers: { ...(message.headers as Record<string, string>), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: message.body as string,
  });
  return { status: res.status, eventId: event.id, body: await res.text() };
}
