import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import { seedIfEmpty, type ServiceUrls } from '@cabs/client';

/**
 * The demo's data on a first start (SEED_DEMO_DATA=true, as docker-compose.yml sets it): once transit and drivers
 * answer ready, seeds through their APIs unless drivers has a driver already. In the background and never
 * rejecting: the console is ready meanwhile, and a seeding that fails is a log line, not the console's failure.
 */
export async function seedDemoDataWhenReady(
  urls: ServiceUrls,
  logger: Logger,
  { pollMs, signal }: { pollMs: number; signal: AbortSignal },
): Promise<void> {
  try {
    await untilReady([urls.transit, urls.drivers], pollMs, signal);
    const seeded = await seedIfEmpty(urls, (line) => logger.info(`demo data: ${line}`));
    if (!seeded) logger.info('demo data: drivers has drivers already; nothing seeded');
  } catch (err) {
    if (!signal.aborted) logger.warn(`demo data not seeded: ${(err as Error).message}`);
  }
}

/** Polls each service's readiness until all answer 200; rejects once `signal` aborts. */
async function untilReady(urls: string[], pollMs: number, signal: AbortSignal): Promise<void> {
  for (;;) {
    const ready = await Promise.all(
      urls.map((url) =>
        fetch(`${url}/health/ready`, { signal: AbortSignal.any([signal, AbortSignal.timeout(pollMs + 1000)]) }).then(
          (r) => r.ok,
          () => false,
        ),
      ),
    );
    if (ready.every(Boolean)) return;
    await delay(pollMs, undefined, { signal });
  }
}
