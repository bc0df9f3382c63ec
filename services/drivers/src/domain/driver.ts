import { validAttributes, type DriverAttributes } from './attributes.js';
import { DomainError } from './domain-error.js';
import { feeTermsOrDefault, type FeeTerms } from './fee-terms.js';
import { drivingLicence, hasExpired, isValidLicenceNumber, type DrivingLicence } from './licence.js';

export type DriverStatus = 'active' | 'inactive';
export type DriverType = 'candidate' | 'regular';

export interface Driver {
  readonly id: string;
  /** The numeric id the legacy app knows this driver by, if any. */
  readonly legacyId: number | null;
  readonly firstName: string;
  readonly lastName: string;
  readonly status: DriverStatus;
  readonly type: DriverType;
  readonly licence: DrivingLicence;
  readonly feeTerms: FeeTerms;
  readonly attributes: DriverAttributes;
  /**
   * The transit the driver is on. Kept instead of a bare flag so that a late
   * free-driver for an earlier ride cannot free a driver who is on a newer one.
   */
  readonly occupiedBy: string | null;
}

/** What a person states about a driver when registering or editing them. */
export interface DriverDetails {
  readonly firstName: string;
  readonly lastName: string;
  readonly licenceNumber: string;
  readonly licenceExpires?: Date | null;
  /** Without terms the driver gets the default commission. */
  readonly feeTerms?: FeeTerms | null;
  readonly attributes?: DriverAttributes;
  readonly legacyId?: number | null;
}

/** New drivers start as inactive candidates: they drive once activated. */
export function registerDriver(id: string, details: DriverDetails, now: Date): Driver {
  return { id, status: 'inactive', type: 'candidate', occupiedBy: null, ...validDetails(details, now) };
}

/** Replaces what a person may edit; status, type and the current ride stay as they are. */
export function updateDriver(driver: Driver, details: DriverDetails, now: Date): Driver {
  return { ...driver, ...validDetails(details, now) };
}

/** Only with a licence that is valid today; activating an active driver changes nothing. */
export function activate(driver: Driver, now: Date): Driver {
  if (!isValidLicenceNumber(driver.licence.number)) {
    throw new DomainError(
      'invalid-licence',
      `Driver ${driver.id} cannot be activated: "${driver.licence.number}" is not a valid licence number.`,
    );
  }
  if (hasExpired(driver.licence, now)) {
    throw new DomainError(
      'licence-expired',
      `Driver ${driver.id} cannot be activated: the licence expired on ${driver.licence.expires?.toISOString()}.`,
    );
  }
  return { ...driver, status: 'active' };
}

export function deactivate(driver: Driver): Driver {
  return { ...driver, status: 'inactive' };
}

/**
 * A candidate becomes a regular. Graduating a regular changes nothing (decision):
 * the outcome the caller wants already holds, so a repeated request is not an error.
 */
export function graduate(driver: Driver): Driver {
  return { ...driver, type: 'regular' };
}

/** A transit was accepted by the driver. A fact cannot be refused: the latest ride wins. */
export function occupy(driver: Driver, transitId: string): Driver {
  return { ...driver, occupiedBy: transitId };
}

/** Frees the driver from this transit; a redelivered or stale free-driver changes nothing. */
export function free(driver: Driver, transitId: string): Driver {
  return driver.occupiedBy === transitId ? { ...driver, occupiedBy: null } : driver;
}

export function isOccupied(driver: Driver): boolean {
  return driver.occupiedBy !== null;
}

type ValidDetails = Pick<Driver, 'firstName' | 'lastName' | 'licence' | 'feeTerms' | 'attributes' | 'legacyId'>;

function validDetails(details: DriverDetails, now: Date): ValidDetails {
  const legacyId = details.legacyId ?? null;
  if (legacyId !== null && !(Number.isSafeInteger(legacyId) && legacyId > 0)) {
    throw new DomainError('invalid-driver', `A legacy id is a positive whole number, not ${legacyId}.`);
  }
  return {
    firstName: requiredName(details.firstName, 'first name'),
    lastName: requiredName(details.lastName, 'last name'),
    licence: drivingLicence(details.licenceNumber, details.licenceExpires ?? null, now),
    feeTerms: feeTermsOrDefault(details.feeTerms),
    attributes: validAttributes(details.attributes ?? {}),
    legacyId,
  };
}

function requiredName(name: string, what: string): string {
  const trimmed = name.trim();
  if (trimmed === '') {
    throw new DomainError('invalid-driver', `A driver needs a ${what}.`);
  }
  return trimmed;
}
