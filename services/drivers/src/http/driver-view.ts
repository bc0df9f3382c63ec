import { isOccupied, type Driver } from '../domain/driver.js';
import type { DriverView } from '@cabs/contracts';

/** A driver as the REST API shows it (the contract spells "license" the American way). */
export function driverView(driver: Driver): DriverView {
  const { medicalExaminationExpires, ...attributes } = driver.attributes;
  return {
    id: driver.id,
    firstName: driver.firstName,
    lastName: driver.lastName,
    status: driver.status,
    type: driver.type,
    licenseNumber: driver.licence.number,
    licenseExpires: driver.licence.expires?.toISOString() ?? null,
    feeTerms: driver.feeTerms,
    attributes: medicalExaminationExpires
      ? { ...attributes, medicalExaminationExpires: medicalExaminationExpires.toISOString() }
      : attributes,
    occupied: isOccupied(driver),
    occupiedBy: driver.occupiedBy,
    legacyId: driver.legacyId,
    createdAt: driver.registeredAt.toISOString(),
  };
}
