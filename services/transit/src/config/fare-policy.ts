import { Inject, Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import { readEnv, type Environment } from '@cabs/contracts';
import { PLATFORM_ENV } from '@cabs/platform';
import { DEFAULT_FALLBACK_KM, HaversineDistance, type DistanceProvider } from '../domain/distance.js';
import type { FarePolicy } from '../domain/fare.js';
import { DEFAULT_TIME_ZONE } from '../domain/local-time.js';

/** A zone name the runtime knows (Intl's IANA database), so a typo stops the service rather than every fare. */
const TimeZone = Type.Transform(Type.String({ minLength: 1, default: DEFAULT_TIME_ZONE }))
  .Decode((zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return zone;
    } catch {
      throw new RangeError(`"${zone}" is not an IANA time zone (e.g. Europe/Warsaw)`);
    }
  })
  .Encode((zone) => zone);

const FareEnv = Type.Object({
  CABS_TIME_ZONE: TimeZone,
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

  constructor(@Inject(PLATFORM_ENV) env: Environment) {
    const read = readEnv(FareEnv, env);
    this.timeZone = read.CABS_TIME_ZONE;
    this.distances = new HaversineDistance(read.CABS_FALLBACK_DISTANCE_KM);
  }
}
