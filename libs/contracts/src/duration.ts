import { parse } from 'tinyduration';

/**
 * An ISO 8601 duration (`PT0.2S`, `PT1M`, `P1D`) in milliseconds: the one notation of every duration the system is
 * told, in Knative's DeliverySpec (`backoffDelay`, `timeout`) and in the environment alike. Years and months have no
 * fixed length, and a delay or interval cannot be negative.
 */
export function durationMs(text: string): number {
  let d: ReturnType<typeof parse>;
  try {
    d = parse(text);
  } catch {
    throw new RangeError(`"${text}" is not an ISO 8601 duration (examples: PT0.2S, PT30S, PT1M)`);
  }
  if (d.years || d.months) throw new RangeError(`"${text}" uses years or months, which have no fixed length`);
  const seconds =
    (d.weeks ?? 0) * 604_800 +
    (d.days ?? 0) * 86_400 +
    (d.hours ?? 0) * 3_600 +
    (d.minutes ?? 0) * 60 +
    (d.seconds ?? 0);
  // tinyduration reads both `-PT1S` (negative) and `PT-1S` (a negative part).
  if (d.negative || seconds < 0) throw new RangeError(`"${text}" is negative; a delay or interval must not be`);
  return Math.round(seconds * 1000);
}

export function isDuration(text: string): boolean {
  try {
    durationMs(text);
    return true;
  } catch {
    return false;
  }
}
