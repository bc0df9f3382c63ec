import { describe, expect, it } from 'vitest';
import { validAttributes, type DriverAttributes } from './attributes.js';

describe('validAttributes', () => {
  it('accepts no attributes and a full, valid set', () => {
    expect(validAttributes({})).toEqual({});
    const all: DriverAttributes = {
      penaltyPoints: 0,
      nationality: 'PL',
      yearsOfExperience: 12,
      medicalExaminationExpires: new Date('2027-01-01T00:00:00Z'),
      medicalExaminationRemarks: 'glasses',
      email: 'jan.kowalski@example.com',
      birthplace: 'Gdańsk',
      companyName: 'Kowalski Sp. z o.o.',
    };
    expect(validAttributes(all)).toEqual(all);
  });

  it.each<[DriverAttributes, RegExp]>([
    [{ penaltyPoints: -1 }, /penalty points/],
    [{ penaltyPoints: 1.5 }, /penalty points/],
    [{ yearsOfExperience: -2 }, /years of experience/],
    [{ nationality: '  ' }, /nationality/],
    [{ email: 'jan.kowalski' }, /email/],
    [{ email: 'jan @example.com' }, /email/],
    [{ medicalExaminationExpires: new Date('never') }, /medical examination expiry/],
    [{ birthplace: '' }, /birthplace/],
    [{ companyName: '' }, /company name/],
    [{ medicalExaminationRemarks: '' }, /remarks/],
  ])('rejects %o', (attributes, message) => {
    expect(() => validAttributes(attributes)).toThrow(message);
  });

  it('names every problem at once', () => {
    expect(() => validAttributes({ penaltyPoints: -1, email: 'x' })).toThrow(
      'Invalid driver attributes: penalty points must be a whole number, 0 or more; the email must look like name@example.com.',
    );
  });

  it('rejects attributes it does not know, and ignores absent ones', () => {
    expect(() => validAttributes({ shoeSize: 44 } as DriverAttributes)).toThrow(/"shoeSize" is not a driver attribute/);
    expect(validAttributes({ email: undefined })).toEqual({ email: undefined });
  });
});
