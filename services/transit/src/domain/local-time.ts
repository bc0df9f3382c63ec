/** The wall-clock facts a tariff depends on, as a person in the zone reads them. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface LocalTime {
  /** 1 = January */
  readonly month: number;
  readonly day: number;
  readonly weekday: Weekday;
  /** 0–23 */
  readonly hour: number;
}

export const DEFAULT_TIME_ZONE = 'Europe/Warsaw';

const WEEKDAYS: Record<string, Weekday> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
};

// Building a formatter is costly and the zone is configuration: one per zone is enough.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      // h23, not hour12: false — the latter may print midnight as "24".
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Reads an instant in an IANA zone; Intl knows the zone's DST rules, so no offset arithmetic here. */
export function localTimeOf(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): LocalTime {
  if (Number.isNaN(instant.getTime())) {
    throw new RangeError('Cannot read the local time of an invalid date');
  }
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return {
    month: Number(parts['month']),
    day: Number(parts['day']),
    weekday: WEEKDAYS[parts['weekday']],
    hour: Number(parts['hour']),
  };
}
