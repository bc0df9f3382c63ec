import { Inject, Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { validateValue } from '@cabs/contracts';
import { PLATFORM_ENV } from '@cabs/platform';
import { DEFAULT_FALLBACK_KM, HaversineDistance, type DistanceProvider } from '../domain/distance.js';
import type { FarePolicy } from '../domain/fare.js';
import { DEFAULT_TIME_ZONE } from '../domain/local-time.js';

const FareEnv = Type.Object({
  CABS_TIME_ZONE: Type.String({ minLength: 1, default: DEFAULT_TIME_ZONE }),
  CABS_FALLBACK_DISTANCE_KM: Type.Number({ minimum: 0, default: DEFAULT_FALLBACK_KM }),
});

/**
 * How this service prices rides, read once from the environment at start-up:
 * `CABS_TIME_ZONE` (whose local time picks the tariff) and `CABS_FALLBACK_DISTANCE_KM`
 * (charged when an address has no coordinates). A wrong value stops the service at once.
 */
@Injectable()
export class ConfiguredFarePolicy implements FarePolicy {
  readonly distances: DistanceProvider;
  readonly timeZone: string;

  constructor(@Inject(PLATFORM_ENV) env: Record<string, unknown>) {
    const raw = { CABS_TIME_ZONE: env['CABS_TIME_ZONE'], CABS_FALLBACK_DISTANCE_KM: env['CABS_FALLBACK_DISTANCE_KM'] };
    const checked = validateValue(FareEnv, Value.Default(FareEnv, Value.Convert(FareEnv, raw)), 'environment');
    if (!checked.ok) throw new Error(`Invalid environment:\n  ${checked.errors.join('\n  ')}`);
    this.timeZone = knownTimeZone(checked.value.CABS_TIME_ZONE);
    this.distances = new HaversineDistance(checked.value.CABS_FALLBACK_DISTANCE_KM);
  }
}

function knownTimeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    throw new Error(`Invalid environment:\n  CABS_TIME_ZONE: '${zone}' is not an IANA time zone (e.g. Europe/Warsaw)`);
  }
}
