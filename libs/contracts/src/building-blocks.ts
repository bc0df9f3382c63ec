import { Type, type Static } from '@sinclair/typebox';
import './formats.js';

/**
 * The shapes events and REST bodies share. None forbids additional properties:
 * readers must tolerate fields added later (see docs/decisions/0007).
 */

export const Uuid = Type.String({ format: 'uuid', description: 'A UUID string' });
export type Uuid = Static<typeof Uuid>;

/** A UUID naming one thing, described for the catalogue: `Id('the ride')`. */
export const Id = (of: string) => Type.String({ format: 'uuid', description: `Id of ${of}` });

/** RFC 3339, with a zone, so that every reader agrees on the instant. */
export const Timestamp = Type.String({ format: 'date-time', description: 'An RFC 3339 date-time with a zone' });
export type Timestamp = Static<typeof Timestamp>;

/** A non-empty, bounded piece of text meant for people (names, streets). */
export const Text = (maxLength: number, description: string) => Type.String({ minLength: 1, maxLength, description });

/** Integer minor units keep money exact; an amount above 2^53 - 1 would silently lose cents. */
export const MinorUnits = Type.Integer({
  minimum: 0,
  maximum: Number.MAX_SAFE_INTEGER,
  description: 'Integer amount in minor units (grosz, cents), never negative',
});

export const Currency = Type.String({
  pattern: '^[A-Z]{3}$',
  default: 'PLN',
  description: 'ISO 4217 currency code: three upper-case letters',
});

/**
 * Money on the wire always names its currency: an amount alone is ambiguous,
 * and a reader should never have to guess it. Only the legacy events carry bare cents.
 */
export const Money = Type.Object(
  { amount: MinorUnits, currency: Currency },
  { description: 'An exact amount of money: integer minor units and an ISO 4217 currency' },
);
export type Money = Static<typeof Money>;

/** Money described for the catalogue, as `Id` describes an id: `Amount('The VAT the price includes')`. */
export const Amount = (description: string) => Type.Object(Money.properties, { description });

/** Basis points keep a rate exact, as integer minor units keep money exact: 8 % is 800, never 0.08. */
export const TaxRate = Type.Object(
  {
    basisPoints: Type.Integer({
      minimum: 0,
      maximum: 10_000,
      description: 'The rate in basis points of the net amount: 800 = 8 %',
    }),
  },
  { description: 'A VAT rate' },
);
export type TaxRate = Static<typeof TaxRate>;

export const Address = Type.Object(
  {
    country: Text(100, 'Country name'),
    city: Text(100, 'City name'),
    street: Text(200, 'Street name'),
    buildingNumber: Text(20, 'Building number, as written (e.g. 12A)'),
    postalCode: Type.Optional(Text(20, 'Postal code, as written')),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90, description: 'Latitude in degrees' })),
    lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180, description: 'Longitude in degrees' })),
  },
  { description: 'A postal address, optionally with its coordinates' },
);
export type Address = Static<typeof Address>;

/** Minimum a driver earns, in minor units of the transit's currency (capped at the price by the fees rule). */
const FeeMinimum = Type.Optional(
  Type.Integer({
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    description: 'Minimum the driver earns, in minor units',
  }),
);

/** The company's commission on a ride: a share of the price in basis points, or a flat amount. */
export const FeeTerms = Type.Union(
  [
    Type.Object(
      {
        type: Type.Literal('percentage'),
        amount: Type.Integer({ minimum: 0, maximum: 10_000, description: 'Commission in basis points (200 = 2 %)' }),
        min: FeeMinimum,
      },
      { description: 'Commission as a share of the transit price' },
    ),
    Type.Object(
      {
        type: Type.Literal('flat'),
        amount: Type.Integer({
          minimum: 1,
          maximum: Number.MAX_SAFE_INTEGER,
          description: 'Commission in minor units',
        }),
        min: FeeMinimum,
      },
      { description: 'Commission as a fixed amount per transit' },
    ),
  ],
  { description: 'Fee terms: the company commission, and the minimum the driver earns' },
);
export type FeeTerms = Static<typeof FeeTerms>;

export const TARIFFS = ['standard', 'weekend', 'weekend-plus', 'new-years-eve'] as const;
export const Tariff = Type.Union(
  TARIFFS.map((name) => Type.Literal(name)),
  { description: 'The tariff in force at the request time' },
);
export type Tariff = (typeof TARIFFS)[number];

export const DistanceKm = Type.Number({ minimum: 0, description: 'Distance in kilometres' });
