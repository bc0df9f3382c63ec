import { Injectable, type OnApplicationShutdown } from '@nestjs/common';

/** Flushes buffered spans when the application stops (the SDK itself is started by telemetry/register.ts). */
@Injectable()
export class TelemetryShutdown implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    const sdk = (globalThis as Record<symbol, { shutdown(): Promise<void> } | undefined>)[Symbol.for('cabs.telemetry.sdk')];
    await sdk?.shutdown().catch(() => {});
  }
}
