/** The drivers REST API over real HTTP, for the tests. */

export interface DriverJson {
  id: string;
  firstName: string;
  lastName: string;
  status: 'active' | 'inactive';
  type: 'candidate' | 'regular';
  licenseNumber: string;
  licenseExpires: string | null;
  feeTerms: { type: 'percentage' | 'flat'; amount: number; min?: number };
  attributes: Record<string, unknown>;
  occupied: boolean;
  occupiedBy: string | null;
  legacyId: number | null;
  createdAt: string;
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
}

export async function call<T = DriverJson>(base: string, method: string, path: string, body?: unknown): Promise<Answer<T>> {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
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
