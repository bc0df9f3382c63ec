import { describe, expect, it } from 'vitest';
import { DomainError } from './domain-error.js';
import {
  activate,
  deactivate,
  free,
  graduate,
  isOccupied,
  noSuchDriver,
  occupy,
  registerDriver,
  updateDriver,
  fullName,
  type Driver,
  type DriverDetails,
  type Registration,
} from './driver.js';

const now = new Date('2026-03-01T12:00:00Z');
const details: DriverDetails = { firstName: 'Jan', lastName: 'Kowalski', licenceNumber: 'farme100165ab5ew' };
const registered = (extra: Partial<Registration> = {}): Driver => registerDriver('d-1', { ...details, ...extra }, now);

describe('registerDriver', () => {
  it('starts an inactive, free candidate with the default terms and a normalised licence', () => {
    expect(registered()).toEqual({
      id: 'd-1',
      legacyId: null,
      firstName: 'Jan',
      lastName: 'Kowalski',
      status: 'inactive',
      type: 'candidate',
      licence: { number: 'FARME100165AB5EW', expires: null },
      feeTerms: { type: 'percentage', amount: 200 },
      attributes: {},
      occupiedBy: null,
      registeredAt: now,
    });
    expect(fullName(registered())).toBe('Jan Kowalski');
  });

  it('keeps given terms, attributes and legacy id', () => {
    const driver = registered({
      feeTerms: { type: 'flat', amount: 1000 },
      attributes: { penaltyPoints: 3 },
      legacyId: 7,
    });
    expect(driver).toMatchObject({
      feeTerms: { type: 'flat', amount: 1000 },
      attributes: { penaltyPoints: 3 },
      legacyId: 7,
    });
  });

  it.each<[string, Partial<Registration>, DomainError['code'], RegExp]>([
    ['a blank first name', { firstName: ' ' }, 'invalid-driver', /first name/],
    ['a blank last name', { lastName: '' }, 'invalid-driver', /last name/],
    ['a malformed licence', { licenceNumber: 'ABC' }, 'invalid-licence', /not a licence number/],
    ['an expired licence', { licenceExpires: new Date('2026-02-28T00:00:00Z') }, 'invalid-licence', /expired/],
    ['invalid fee terms', { feeTerms: { type: 'percentage', amount: 20_000 } }, 'invalid-fee-terms', /basis points/],
    ['invalid attributes', { attributes: { email: 'nope' } }, 'invalid-driver', /email/],
    ['a legacy id of zero', { legacyId: 0 }, 'invalid-driver', /legacy id/],
  ])('rejects %s', (_case, extra, code, message) => {
    expect(() => registered(extra)).toThrow(message);
    expect(() => registered(extra)).toThrow(expect.objectContaining({ code }));
  });
});

describe('updateDriver', () => {
  it('replaces the details and keeps status, type and the current ride', () => {
    const driver = occupy(graduate(activate(registered(), now)), 't-1');
    const updated = updateDriver(
      driver,
      { ...details, lastName: 'Nowak', feeTerms: { type: 'flat', amount: 500 } },
      now,
    );
    expect(updated).toMatchObject({
      lastName: 'Nowak',
      feeTerms: { type: 'flat', amount: 500 },
      status: 'active',
      type: 'regular',
      occupiedBy: 't-1',
    });
  });

  it('keeps the legacy id the driver was registered with', () => {
    const withLegacyId = registered({ legacyId: 7 });
    expect(updateDriver(withLegacyId, { ...details, firstName: 'Janusz' }, now)).toMatchObject({
      legacyId: 7,
      firstName: 'Janusz',
    });
  });

  it('validates like registration', () => {
    expect(() => updateDriver(registered(), { ...details, licenceNumber: '' }, now)).toThrow(DomainError);
  });
});

describe('activate and deactivate', () => {
  it('activates a driver whose licence is valid today', () => {
    expect(activate(registered({ licenceExpires: new Date('2027-01-01T00:00:00Z') }), now).status).toBe('active');
    expect(activate(activate(registered(), now), now).status).toBe('active');
  });

  it('refuses a licence that has expired since registration', () => {
    const driver = registered({ licenceExpires: new Date('2026-06-30T00:00:00Z') });
    const later = new Date('2026-07-01T00:00:00Z');
    expect(() => activate(driver, later)).toThrow(
      expect.objectContaining({ code: 'licence-expired', kind: 'conflict' }),
    );
    expect(() => activate(driver, later)).toThrow(/cannot be activated: the licence expired on 2026-06-30/);
  });

  it('refuses a licence number that is not valid', () => {
    const driver: Driver = { ...registered(), licence: { number: 'LEGACY-123', expires: null } };
    expect(() => activate(driver, now)).toThrow(/"LEGACY-123" is not a valid licence number/);
  });

  it('deactivates', () => {
    expect(deactivate(activate(registered(), now)).status).toBe('inactive');
  });
});

describe('graduate', () => {
  it('makes a candidate regular, and a regular stays regular', () => {
    const regular = graduate(registered());
    expect(regular.type).toBe('regular');
    expect(graduate(regular)).toEqual(regular);
  });
});

describe('occupied', () => {
  it('is set by an accepted transit and cleared by freeing the driver from it', () => {
    const busy = occupy(registered(), 't-1');
    expect(isOccupied(busy)).toBe(true);
    expect(isOccupied(free(busy, 't-1'))).toBe(false);
  });

  it('ignores a repeated free-driver', () => {
    const freed = free(occupy(registered(), 't-1'), 't-1');
    expect(free(freed, 't-1')).toEqual(freed);
  });

  it('ignores a driver-assigned that arrives after the driver was already freed from that ride', () => {
    const freedFirst = registered();
    expect(occupy(freedFirst, 't-1', true)).toEqual(freedFirst);
  });

  it('ignores a late free-driver for an earlier ride', () => {
    const onSecondRide = occupy(occupy(registered(), 't-1'), 't-2');
    expect(free(onSecondRide, 't-1').occupiedBy).toBe('t-2');
  });
});

describe('noSuchDriver', () => {
  it('says which driver does not exist, as a not-found error', () => {
    expect(() => noSuchDriver('d-9')).toThrow(
      expect.objectContaining({ code: 'unknown-driver', kind: 'not-found', message: 'Driver d-9 does not exist.' }),
    );
  });
});
