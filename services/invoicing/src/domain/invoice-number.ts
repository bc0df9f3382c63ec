import { DomainError } from './domain-error.js';

/*
 * Invoice numbers run per year without gaps: 2026/000001, 2026/000002, ...
 * The database allocates them in the statement that stores the invoice: a
 * counter row per year, created on first use and advanced by one (see
 * db/invoice-numbering.ts, which prints the number by the rule below). The row
 * lock makes concurrent issuers of one year take turns, and a rolled-back issue
 * rolls the counter back too, so no number is skipped or used twice.
 */

export interface InvoiceNumber {
  readonly year: number;
  /** 1, 2, 3, ... within the year */
  readonly sequence: number;
}

export const DEFAULT_TIME_ZONE = 'Europe/Warsaw';

const SEQUENCE_DIGITS = 6;
const INVOICE_NUMBER = /^(\d{4})\/(\d{6,})$/;

/** "2026/000123"; a year with more than 999999 invoices simply gets longer numbers. */
export function formatInvoiceNumber({ year, sequence }: InvoiceNumber): string {
  if (!Number.isSafeInteger(year) || year < 1000 || year > 9999) {
    throw new DomainError('invalid-invoice-number', `An invoice year has four digits, not ${year}.`);
  }
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new DomainError('invalid-invoice-number', `Invoices of a year are numbered from 1, not ${sequence}.`);
  }
  return `${year}/${String(sequence).padStart(SEQUENCE_DIGITS, '0')}`;
}

/** Accepts only the canonical form, so that one invoice cannot be found under two numbers. */
export function parseInvoiceNumber(text: string): InvoiceNumber {
  const match = INVOICE_NUMBER.exec(text);
  if (match) {
    const parsed = { year: Number(match[1]), sequence: Number(match[2]) };
    const canonical =
      Number.isSafeInteger(parsed.sequence) && parsed.sequence >= 1 && formatInvoiceNumber(parsed) === text;
    if (canonical) return parsed;
  }
  throw new DomainError(
    'invalid-invoice-number',
    `"${text}" is not an invoice number: expected YYYY/NNNNNN, e.g. 2026/000123.`,
  );
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The year whose sequence an invoice joins: the year on the company's clock when it is issued. */
export function invoiceYear(issuedAt: Date, timeZone: string = DEFAULT_TIME_ZONE): number {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' });
    formatters.set(timeZone, formatter);
  }
  return Number(formatter.format(issuedAt));
}
