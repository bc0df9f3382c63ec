import type { Agent } from 'supertest';
import type { Driver } from '@cabs/client';

/** The drivers REST API over real HTTP (supertest on the running app), for the tests. */

/** A driver as the REST API answers it: the view its clients read (@cabs/client). */
export type DriverJson = Driver;

export interface Answer<T = unknown> {
  status: number;
  body: T;
}

export async function call<T = DriverJson>(
  http: Agent,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<Answer<T>> {
  const request = http[method.toLowerCase() as Lowercase<typeof method>](path);
  const res = await (body === undefined ? request : request.send(body as object));
  return { status: res.status, body: (res.text ? res.body : undefined) as T };
}

/** The error body every endpoint answers with. */
export interface ErrorJson {
  message: string | string[];
}

export const VALID_LICENCE = 'FARME100165AB5EW';

export const newDriver = (extra: Record<string, unknown> = {}) => ({
  firstName: 'Jan',
  lastName: 'Kowalski',
  licenseNumber: VALID_LICENCE,
  ...extra,
});

/** Legacy ids are unique per database; each test takes its own. */
let nextLegacyId = Math.floor(Math.random() * 1_000_000) + 1;
export const freshLegacyId = () => nextLegacyId++;
