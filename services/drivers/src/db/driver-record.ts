import type { Driver } from '../domain/driver.js';
import type { DriverAttributes } from '../domain/attributes.js';
import type { FeeTerms } from '../domain/fee-terms.js';
import type { Driver as DriverRow, Prisma } from './generated/client.js';

/*
 * Between the domain's Driver and its row: money and ids as BIGINT (the contract allows up to 2^53 - 1),
 * the attributes as one JSON object with dates as RFC 3339 strings.
 */

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

export function toRecord(driver: Driver): Prisma.DriverUncheckedCreateInput {
  return {
    id: driver.id,
    legacyId: driver.legacyId === null ? null : BigInt(driver.legacyId),
    firstName: driver.firstName,
    lastName: driver.lastName,
    status: driver.status,
    type: driver.type,
    licenceNumber: driver.licence.number,
    licenceExpires: driver.licence.expires,
    feeTermsType: driver.feeTerms.type,
    feeTermsAmount: BigInt(driver.feeTerms.amount),
    feeTermsMin: driver.feeTerms.min === undefined ? null : BigInt(driver.feeTerms.min),
    attributes: attributesToJson(driver.attributes),
    occupiedBy: driver.occupiedBy,
    registeredAt: driver.registeredAt,
  };
}

function feeTermsOf(row: DriverRow): FeeTerms {
  const terms = { type: row.feeTermsType, amount: Number(row.feeTermsAmount) };
  return row.feeTermsMin === null ? terms : { ...terms, min: Number(row.feeTermsMin) };
}

function attributesFromJson({ medicalExaminationExpires, ...rest }: Record<string, unknown>): DriverAttributes {
  return typeof medicalExaminationExpires === 'string' ? { ...rest, medicalExaminationExpires: new Date(medicalExaminationExpires) } : rest;
}

function attributesToJson(attributes: DriverAttributes): Prisma.InputJsonObject {
  // JSON.stringify turns the expiry into an RFC 3339 string and leaves out absent attributes.
  return JSON.parse(JSON.stringify(attributes)) as Prisma.InputJsonObject;
}
