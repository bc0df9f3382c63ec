import { DomainError } from './domain-error.js';

/** A calendar month, "YYYY-MM": the key of a driver's monthly earnings and of the `?month=` query. */
export type Month = string & { readonly __brand: 'Month' };

export const DEFAULT_TIME_ZONE = 'Europe/Warsaw';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Validates the `?month=` query parameter. */
export function parseMonth(text: string): Month {
  if (!MONTH.test(text)) {
    throw new DomainError('invalid-month', `"${text}" is not a month: expected YYYY-MM, e.g. 2026-03.`);
  }
  return text as Month;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The month a ride's fee counts towards. Decision: the calendar month on the
 * company's clock (the zone that also sets tariffs and invoice years), not UTC,
 * so a ride completed at 00:30 on 1 May in Warsaw counts in May, as the driver expects.
 */
export function monthOf(completedAt: Date, timeZone: string = DEFAULT_TIME_ZONE): Month {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-CA formats dates as YYYY-MM-DD
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(completedAt).map((part) => [part.type, part.value]));
  return parseMonth(`${parts['year']}-${parts['month']}`);
}
