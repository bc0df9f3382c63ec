import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { TELEMETRY_PROVIDER } from './sdk.js';

/** At most this long for the last spans: a collector that does not answer must not hold up a graceful shutdown. */
export const TELEMETRY_FLUSH_MS = 2000;

/** Flushes buffered spans when the application stops (the provider itself is started by telemetry/register.ts). */
@Injectable()
export class TelemetryShutdown implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    const sdk = (globalThis as Record<symbol, { shutdown(): Promise<void> } | undefined>)[TELEMETRY_PROVIDER];
    if (!sdk) return;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, TELEMETRY_FLUSH_MS).unref()));
    await Promise.race([sdk.shutdown().catch(() => {}), deadline]);
    clearTimeout(timer);
  }
}
