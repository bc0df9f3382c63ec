import { DomainError } from './domain-error.js';

/** What the company may know about a driver beyond name and licence; every field is optional. */
export interface DriverAttributes {
  readonly penaltyPoints?: number;
  readonly nationality?: string;
  readonly yearsOfExperience?: number;
  readonly medicalExaminationExpires?: Date;
  readonly medicalExaminationRemarks?: string;
  readonly email?: string;
  readonly birthplace?: string;
  readonly companyName?: string;
}

// Deliberately loose: the only proof of an address is a mail that arrives.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Check = (value: unknown) => boolean;
const wholeNumberFromZero: Check = (value) => Number.isSafeInteger(value) && (value as number) >= 0;
const text: Check = (value) => typeof value === 'string' && value.trim() !== '';
const date: Check = (value) => value instanceof Date && !Number.isNaN(value.getTime());
const email: Check = (value) => typeof value === 'string' && EMAIL.test(value);

const RULES: Record<keyof DriverAttributes, [Check, string]> = {
  penaltyPoints: [wholeNumberFromZero, 'penalty points must be a whole number, 0 or more'],
  nationality: [text, 'nationality must not be blank'],
  yearsOfExperience: [wholeNumberFromZero, 'years of experience must be a whole number, 0 or more'],
  medicalExaminationExpires: [date, 'the medical examination expiry must be a valid date'],
  medicalExaminationRemarks: [text, 'medical examination remarks must not be blank'],
  email: [email, 'the email must look like name@example.com'],
  birthplace: [text, 'birthplace must not be blank'],
  companyName: [text, 'the company name must not be blank'],
};

/** Returns the attributes when all hold; otherwise names every problem at once, so one correction suffices. */
export function validAttributes(attributes: DriverAttributes): DriverAttributes {
  const problems = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .flatMap(([name, value]) => {
      const rule = RULES[name as keyof DriverAttributes];
      if (!rule) return [`"${name}" is not a driver attribute`];
      const [holds, problem] = rule;
      return holds(value) ? [] : [problem];
    });
  if (problems.length > 0) {
    throw new DomainError('invalid-driver', `Invalid driver attributes: ${problems.join('; ')}.`);
  }
  return attributes;
}
