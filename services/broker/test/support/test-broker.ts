import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { pino } from 'pino';
import { createServiceDatabase } from '@cabs/testing';
import { startBroker, type BrokerOptions, type RunningBroker } from '../../src/broker.js';

export interface TestBroker extends RunningBroker {
  databaseUrl: string;
  /** `POST /cabs/default` */
  brokerUrl: string;
  admin<T = unknown>(path: string, init?: RequestInit): Promise<{ status: number; body: T }>;
}

/** Writes mesh-config into a fresh folder; returns the folder. */
export async function meshConfigDir(yaml: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cabs-mesh-config-'));
  await writeFile(join(dir, 'mesh.yaml'), yaml);
  return dir;
}

/**
 * A real broker on free ports over a fresh migrated database on the run's PostgreSQL. Logs are silent
 * unless BROKER_TEST_LOGS is set (then: one line per attempt, handy when a test fails).
 */
export async function startTestBroker(yaml: string, options: Partial<BrokerOptions> = {}): Promise<TestBroker> {
  const databaseUrl = options.databaseUrl ?? (await createServiceDatabase(inject('pg'), 'broker'));
  const broker = await startBroker({
    databaseUrl,
    meshConfigDir: await meshConfigDir(yaml),
    host: '127.0.0.1',
    port: 0,
    adminPort: 0,
    pollIntervalMs: 100,
    leaseMarginMs: 1000,
    logger: pino({ level: process.env.BROKER_TEST_LOGS ? 'info' : 'silent' }),
    ...options,
  });
  return {
    ...broker,
    databaseUrl,
    brokerUrl: `${broker.ingressUrl}/cabs/default`,
    async admin<T>(path: string, init?: RequestInit) {
      const response = await fetch(`${broker.adminUrl}${path}`, init);
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
  };
}

/** For `expect.poll`: generous, since a loaded CI machine is slow, never early (vitest's default is 1 s). */
export const eventually = { timeout: 10_000, interval: 50 };
