import { FormatRegistry } from '@sinclair/typebox';
import { isDuration } from './duration.js';

/**
 * TypeBox checks `format` only through formats registered here (it ships none), so the
 * formats the contracts and the environment use are defined once, for every validator in the process.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// RFC 3339 `date-time`: a full date, `T`, a time with optional fraction, and a zone.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;

export const isUuid = (value: string): boolean => UUID.test(value);

export function isDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // Dates roll 30 February over into March; a real calendar date survives the round trip.
  // (setUTCFullYear, unlike Date.UTC, keeps the years 0-99 as they are.)
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  const realDate = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  const zoneOk = m[9] === undefined || (Number(m[9]) <= 23 && Number(m[10]) <= 59);
  return realDate && hour <= 23 && minute <= 59 && second <= 59 && zoneOk;
}

/** An absolute URL a process can send HTTP to: where K_SINK and the console's services point. */
export function isHttpUrl(value: string): boolean {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  return url?.protocol === 'http:' || url?.protocol === 'https:';
}

export const FORMATS: Readonly<Record<string, { check: (value: string) => boolean; reads: string }>> = {
  uuid: { check: isUuid, reads: 'a UUID, e.g. 3f2b8c1e-7d4a-4b8e-9c1f-2a6d5e4b3c21' },
  'date-time': { check: isDateTime, reads: 'an RFC 3339 date-time with a zone, e.g. 2026-03-14T09:30:00Z' },
  duration: { check: isDuration, reads: 'an ISO 8601 duration such as PT0.2S, PT30S or PT15M' },
  'http-url': { check: isHttpUrl, reads: 'an absolute http:// or https:// URL such as http://127.0.0.1:8080' },
};

for (const [name, { check }] of Object.entries(FORMATS)) {
  if (!FormatRegistry.Has(name)) FormatRegistry.Set(name, check);
}
