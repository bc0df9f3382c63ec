import { describe, expect, it } from 'vitest';
import { DomainError } from './domain-error.js';
import { drivingLicence, hasExpired, isValidLicenceNumber } from './licence.js';

const now = new Date('2026-03-01T12:00:00Z');

describe('licence number', () => {
  it.each(['FARME100165AB5EW', 'farme100165ab5ew', 'FaRmE100165aB5Ew', '99999100165999EW', ' FARME100165AB5EW '])(
    'accepts %s',
    (number) => {
      expect(isValidLicenceNumber(number)).toBe(true);
    },
  );

  it.each([
    ['empty', ''],
    ['too short', 'FARME100165AB5E'],
    ['too long', 'FARME100165AB5EWX'],
    ['a digit other than 9 in the first five', 'FARM1100165AB5EW'],
    ['a letter among the six digits', 'FARME10016XAB5EW'],
    ['a digit other than 9 in the middle pair', 'FARME1001651B5EW'],
    ['a letter where the single digit goes', 'FARME100165ABXEW'],
    ['a 9 in the last two letters', 'FARME100165AB5E9'],
    ['a space inside', 'FARME 00165AB5EW'],
    ['a non-Latin letter', 'FÄRME100165AB5EW'],
  ])('rejects %s', (_case, number) => {
    expect(isValidLicenceNumber(number)).toBe(false);
  });
});

describe('drivingLicence', () => {
  it('keeps the number in upper case', () => {
    expect(drivingLicence('farme100165ab5ew', null, now)).toEqual({ number: 'FARME100165AB5EW', expires: null });
  });

  it('accepts an expiry from now on', () => {
    expect(drivingLicence('FARME100165AB5EW', now, now).expires).toEqual(now);
    expect(drivingLicence('FARME100165AB5EW', new Date('2030-01-01T00:00:00Z'), now).expires).toEqual(
      new Date('2030-01-01T00:00:00Z'),
    );
  });

  it('rejects a malformed number, an expiry in the past and an invalid expiry', () => {
    expect(() => drivingLicence('FARME', null, now)).toThrow(/not a licence number/);
    expect(() => drivingLicence('FARME100165AB5EW', new Date(now.getTime() - 1), now)).toThrow(/expired/);
    expect(() => drivingLicence('FARME100165AB5EW', new Date('soon'), now)).toThrow(/not a valid date/);
    expect(() => drivingLicence('FARME', null, now)).toThrow(DomainError);
  });
});

describe('hasExpired', () => {
  const licence = drivingLicence('FARME100165AB5EW', new Date('2026-06-30T00:00:00Z'), now);

  it('is false until the expiry and true after it', () => {
    expect(hasExpired(licence, new Date('2026-06-30T00:00:00Z'))).toBe(false);
    expect(hasExpired(licence, new Date('2026-06-30T00:00:00.001Z'))).toBe(true);
  });

  it('is never true for a licence without expiry', () => {
    expect(hasExpired({ number: 'FARME100165AB5EW', expires: null }, new Date('2999-01-01T00:00:00Z'))).toBe(false);
  });
});
