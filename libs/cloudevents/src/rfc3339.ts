const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

/**
 * An RFC 3339 `date-time` (§5.6), in form and in range: month 13, February 30th or 99:99 match the pattern but name
 * no instant. A leap second is taken as 23:59:60 in the time's own offset, as the CloudEvents SDK's format check
 * takes it, so the two never disagree. Stricter than that check otherwise: it takes a time without an offset, a
 * space for the `T` and offsets such as +25:00, which RFC 3339 does not.
 */
export function isRfc3339(value: string): boolean {
  const parts = RFC3339.exec(value);
  if (!parts) return false;
  const year = Number(parts[1]);
  const month = Number(parts[2]);
  const day = Number(parts[3]);
  const hour = Number(parts[4]);
  const minute = Number(parts[5]);
  const second = Number(parts[6]);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysIn(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    (second <= 59 || (second === 60 && hour === 23 && minute === 59)) &&
    Number(parts[7] ?? 0) <= 23 &&
    Number(parts[8] ?? 0) <= 59
  );
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
