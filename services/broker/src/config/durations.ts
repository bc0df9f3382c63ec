import { parse } from 'tinyduration';

/**
 * An ISO-8601 duration (`PT0.2S`, `PT1M`, `P1D`) in milliseconds, as Knative's DeliverySpec writes them.
 * Years and months have no fixed length, so a delivery spec cannot use them.
 */
export function durationMs(text: string): number {
  let d: ReturnType<typeof parse>;
  try {
    d = parse(text);
  } catch {
    throw new RangeError(`"${text}" is not an ISO-8601 duration (examples: PT0.2S, PT30S, PT1M)`);
  }
  if (d.negative) throw new RangeError(`"${text}" is negative; a delay or timeout must not be`);
  if (d.years || d.months) throw new RangeError(`"${text}" uses years or months, which have no fixed length`);
  const seconds =
    (d.weeks ?? 0) * 604_800 +
    (d.days ?? 0) * 86_400 +
    (d.hours ?? 0) * 3_600 +
    (d.minutes ?? 0) * 60 +
    (d.seconds ?? 0);
  return Math.round(seconds * 1000);
}

/** Milliseconds for people: `400 ms`, `0.8 s`, `3 min 25 s`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(1))} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}
