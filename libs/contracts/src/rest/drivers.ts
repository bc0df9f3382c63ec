import { Type, type Static } from '@sinclair/typebox';
import { FeeTerms, Id, Text, Timestamp } from '../building-blocks.js';
import { LegacyDriverId } from '../events/drivers.events.js';
import { DriverId } from './ids.js';

/* drivers' REST API: what it accepts (validated) and what it answers (documented at its GET /openapi.json). */

// 90 + a space + 90 fits the 200 characters driver-registered allows for the full name.
const FirstName = Text(90, "The driver's first name");
const LastName = Text(90, "The driver's last name");

const Attributes = Type.Object(
  {
    penaltyPoints: Type.Optional(Type.Integer({ minimum: 0, description: 'Penalty points on the licence' })),
    nationality: Type.Optional(Text(100, 'Nationality, e.g. PL')),
    yearsOfExperience: Type.Optional(Type.Integer({ minimum: 0, description: 'Years of driving experience' })),
    medicalExaminationExpires: Type.Optional(Timestamp),
    medicalExaminationRemarks: Type.Optional(Text(1000, 'Remarks of the medical examination')),
    email: Type.Optional(Text(254, 'E-mail address')),
    birthplace: Type.Optional(Text(100, 'Place of birth')),
    companyName: Type.Optional(Text(200, "The driver's company, if self-employed")),
  },
  { additionalProperties: false, description: 'What the company may know about a driver beyond name and licence' },
);

/** What a person states about a driver, on registration and on every edit (PUT replaces all of it). */
const DriverDetails = {
  firstName: FirstName,
  lastName: LastName,
  licenseNumber: Type.String({
    minLength: 1,
    maxLength: 32,
    description: 'Driving licence number, e.g. FARME100165AB5EW',
  }),
  /** Left out: the licence does not expire. */
  licenseExpires: Type.Optional(Timestamp),
  /** Left out: the default commission, 2 %. */
  feeTerms: Type.Optional(FeeTerms),
  attributes: Type.Optional(Attributes),
};

/*
 * The request types are named apart from their schemas on purpose: a parameter typed with a name that is also a
 * value gets that value (the schema) as its decorator metadata under Vite's transform, and the OpenAPI explorer
 * then mistakes the schema for a class.
 */

export const RegisterDriverBody = Type.Object(
  { ...DriverDetails, legacyId: Type.Optional(LegacyDriverId) },
  { additionalProperties: false },
);
export type RegisterDriverRequest = Static<typeof RegisterDriverBody>;

export const UpdateDriverBody = Type.Object(DriverDetails, {
  additionalProperties: false,
  description: 'Replaces the editable details; the legacy id stays as registered',
});
export type UpdateDriverRequest = Static<typeof UpdateDriverBody>;

export const DriverStatus = Type.Union([Type.Literal('active'), Type.Literal('inactive')]);
export const DriverType = Type.Union([Type.Literal('candidate'), Type.Literal('regular')]);

export const DRIVERS_DEFAULT_LIMIT = 50;

/** A typo in a filter (`?ocupied=`) is an error, not a silently wider answer. */
export const ListDriversQuery = Type.Object(
  {
    status: Type.Optional(DriverStatus),
    type: Type.Optional(DriverType),
    occupied: Type.Optional(Type.Boolean({ description: 'true: on a ride; false: free' })),
    limit: Type.Integer({
      minimum: 1,
      maximum: 500,
      default: DRIVERS_DEFAULT_LIMIT,
      description: 'At most this many, newest first',
    }),
  },
  { additionalProperties: false },
);
export type ListDriversRequest = Static<typeof ListDriversQuery>;

export const DriverView = Type.Object({
  id: DriverId,
  firstName: Type.String(),
  lastName: Type.String(),
  status: DriverStatus,
  type: DriverType,
  licenseNumber: Type.String(),
  licenseExpires: Type.Union([Timestamp, Type.Null()]),
  feeTerms: FeeTerms,
  attributes: Attributes,
  occupied: Type.Boolean(),
  occupiedBy: Type.Union([Id('the ride the driver is on'), Type.Null()]),
  legacyId: Type.Union([LegacyDriverId, Type.Null()]),
  createdAt: Timestamp,
});
export type DriverView = Static<typeof DriverView>;
