import type { DriverAttributes } from '../domain/attributes.js';
import type { Driver, DriverStatus, DriverType } from '../domain/driver.js';
import type { FeeTerms } from '../domain/fee-terms.js';

/*
 * Between the domain's Driver and its row: money and ids as BIGINT (the contract allows up to 2^53 - 1),
 * the attributes as one JSON object with dates as RFC 3339 strings.
 */

/**
 * A drivers row as both sides read it: Prisma's generated `Driver` (the queries) and `DRIVER_COLUMNS` through
 * node-postgres (the writes), which hands BIGINT over as a string where Prisma gives a bigint.
 */
export interface DriverRow {
  id: string;
  legacyId: bigint | string | null;
  firstName: string;
  lastName: string;
  status: DriverStatus;
  type: DriverType;
  licenceNumber: string;
  licenceExpires: Date | null;
  feeTermsType: FeeTerms['type'];
  feeTermsAmount: bigint | string;
  feeTermsMin: bigint | string | null;
  attributes: unknown;
  occupiedBy: string | null;
  registeredAt: Date;
}

/** The select list that reads a row into a `DriverRow`. */
export const DRIVER_COLUMNS = `id, legacy_id AS "legacyId", first_name AS "firstName", last_name AS "lastName", status, type,
  licence_number AS "licenceNumber", licence_expires AS "licenceExpires", fee_terms_type AS "feeTermsType",
  fee_terms_amount AS "feeTermsAmount", fee_terms_min AS "feeTermsMin", attributes, occupied_by AS "occupiedBy",
  registered_at AS "registeredAt"`;

export function toDriver(row: DriverRow): Driver {
  return {
    id: row.id,
    legacyId: row.legacyId === null ? null : Number(row.legacyId),
    firstName: row.firstName,
    lastName: row.lastName,
    status: row.status,
    type: row.type,
    licence: { number: row.licenceNumber, expires: row.licenceExpires },
    feeTerms: feeTermsOf(row),
    attributes: attributesFromJson(row.attributes as Record<string, unknown>),
    occupiedBy: row.occupiedBy,
    registeredAt: row.registeredAt,
  };
}

/** The values of a driver's columns, in the order of `DRIVER_VALUES`' placeholders. */
export function driverValues(driver: Driver): unknown[] {
  return [
    driver.id,
    driver.legacyId,
    driver.firstName,
    driver.lastName,
    driver.status,
    driver.type,
    driver.licence.number,
    driver.licence.expires,
    driver.feeTerms.type,
    driver.feeTerms.amount,
    driver.feeTerms.min ?? null,
    // JSON.stringify turns the expiry into an RFC 3339 string and leaves out absent attributes.
    JSON.stringify(driver.attributes),
    driver.occupiedBy,
    driver.registeredAt,
  ];
}

function feeTermsOf(row: DriverRow): FeeTerms {
  const terms = { type: row.feeTermsType, amount: Number(row.feeTermsAmount) };
  return row.feeTermsMin === null ? terms : { ...terms, min: Number(row.feeTermsMin) };
}

function attributesFromJson({ medicalExaminationExpires, ...rest }: Record<string, unknown>): DriverAttributes {
  return typeof medicalExaminationExpires === 'string'
    ? { ...rest, medicalExaminationExpires: new Date(medicalExaminationExpires) }
    : rest;
}
