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
  readonly registeredAt: Date;
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
}

/** Registration also names the driver the way the legacy app does, once and for good. */
export interface Registration extends DriverDetails {
  readonly legacyId?: number | null;
}

/** New drivers start as inactive candidates: they drive once activated. */
export function registerDriver(id: string, registration: Registration, now: Date): Driver {
  return {
    id,
    legacyId: validLegacyId(registration.legacyId ?? null),
    status: 'inactive',
    type: 'candidate',
    occupiedBy: null,
    registeredAt: now,
    ...validDetails(registration, now),
  };
}

/**
 * Replaces what a person may edit; status, type, the current ride and the legacy id stay as they are
 * (fees resolves the legacy app's requests through the legacy id it learnt at registration).
 */
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

/**
 * A transit was accepted by the driver. A fact cannot be refused: the latest ride wins. Only when the driver
 * was already freed from that very ride (its free-driver overtook this fact on the mesh) is the ride over.
 */
export function occupy(driver: Driver, transitId: string, alreadyFreedFromIt = false): Driver {
  return alreadyFreedFromIt ? driver : { ...driver, occupiedBy: transitId };
}

/** Frees the driver from this transit; a redelivered or stale free-driver changes nothing. */
export function free(driver: Driver, transitId: string): Driver {
  return driver.occupiedBy === transitId ? { ...driver, occupiedBy: null } : driver;
}

export function isOccupied(driver: Driver): boolean {
  return driver.occupiedBy !== null;
}

export function noSuchDriver(id: string): never {
  throw new DomainError('unknown-driver', `Driver ${id} does not exist.`);
}

export function legacyIdTaken(legacyId: number | null): DomainError {
  return new DomainError('legacy-id-taken', `Legacy id ${legacyId} already belongs to another driver.`);
}

export function fullName(driver: Driver): string {
  return `${driver.firstName} ${driver.lastName}`;
}

type ValidDetails = Pick<Driver, 'firstName' | 'lastName' | 'licence' | 'feeTerms' | 'attributes'>;

function validDetails(details: DriverDetails, now: Date): ValidDetails {
  return {
    firstName: requiredName(details.firstName, 'first name'),
    lastName: requiredName(details.lastName, 'last name'),
    licence: drivingLicence(details.licenceNumber, details.licenceExpires ?? null, now),
    feeTerms: feeTermsOrDefault(details.feeTerms),
    attributes: validAttributes(details.attributes ?? {}),
  };
}

function validLegacyId(legacyId: number | null): number | null {
  if (legacyId !== null && !(Number.isSafeInteger(legacyId) && legacyId > 0)) {
    throw new DomainError('invalid-driver', `A legacy id is a positive whole number, not ${legacyId}.`);
  }
  return legacyId;
}

function requiredName(name: string, what: string): string {
  const trimmed = name.trim();
  if (trimmed === '') {
    throw new DomainError('invalid-driver', `A driver needs a ${what}.`);
  }
  return trimmed;
}
