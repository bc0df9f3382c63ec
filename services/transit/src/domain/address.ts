/** Where a ride starts or ends. Coordinates are optional: without them distance falls back to a constant. */
export interface Address {
  readonly country: string;
  readonly city: string;
  readonly street: string;
  readonly buildingNumber: string;
  readonly postalCode?: string | null;
  readonly lat?: number | null;
  readonly lon?: number | null;
}

const FIELDS = ['country', 'city', 'street', 'buildingNumber', 'postalCode', 'lat', 'lon'] as const;

/** Same place, field by field; a missing field and a null one mean the same (JSON vs. database). */
export function sameAddress(a: Address, b: Address): boolean {
  return FIELDS.every((field) => (a[field] ?? null) === (b[field] ?? null));
}
