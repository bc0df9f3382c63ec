import { DomainError } from './domain-error.js';

export interface DrivingLicence {
  /** Upper case, 16 characters. */
  readonly number: string;
  readonly expires: Date | null;
}

// 5 of [A-Z or 9], 6 digits, 2 of [A-Z or 9], 1 digit, 2 letters: FARME100165AB5EW
const LICENCE_NUMBER = /^[A-Z9]{5}\d{6}[A-Z9]{2}\d[A-Z]{2}$/;

/** Licence numbers are case-insensitive; they are kept in upper case so that equal numbers look equal. */
export function normaliseLicenceNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

export function isValidLicenceNumber(raw: string): boolean {
  return LICENCE_NUMBER.test(normaliseLicenceNumber(raw));
}

/** A licence as registered: a well-formed number and, if it expires, an expiry not in the past. */
export function drivingLicence(number: string, expires: Date | null, now: Date): DrivingLicence {
  if (!isValidLicenceNumber(number)) {
    throw new DomainError(
      'invalid-licence',
      `"${number}" is not a licence number: expected 5 letters or 9s, 6 digits, 2 letters or 9s, ` +
        '1 digit and 2 letters, e.g. FARME100165AB5EW.',
    );
  }
  if (expires !== null && Number.isNaN(expires.getTime())) {
    throw new DomainError('invalid-licence', 'The licence expiry is not a valid date.');
  }
  const licence = { number: normaliseLicenceNumber(number), expires };
  if (hasExpired(licence, now)) {
    throw new DomainError(
      'invalid-licence',
      `The licence expired on ${licence.expires?.toISOString()}; an expired licence cannot be registered.`,
    );
  }
  return licence;
}

/** Expiring at `now` still counts as valid: the rule is "not in the past". */
export function hasExpired(licence: DrivingLicence, now: Date): boolean {
  return licence.expires !== null && licence.expires.getTime() < now.getTime();
}
