import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { pino } from 'pino';
import { fetchJson } from '@cabs/client';
import { createServiceDatabase } from '@cabs/testing';
import { startBroker, type BrokerOptions, type RunningBroker } from '../../src/broker.js';
import { everythingTo } from './mesh-yaml.js';
import { startSubscriber, type TestSubscriber } from './subscriber.js';

export interface TestBroker extends RunningBroker {
  databaseUrl: string;
  /** `POST /cabs/default` */
  brokerUrl: string;
  /** The admin API, whatever it answers. */
  admin<T = unknown>(path: string, init?: AdminRequest): Promise<{ status: number; body: T }>;
}

interface AdminRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
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
    async admin<T>(path: string, { method = 'GET', headers }: AdminRequest = {}) {
      const { status, body } = await fetchJson<T>(method, `${broker.adminUrl}${path}`, undefined, { headers });
      return { status, body };
    },
  };
}

/** A subscriber, and a broker whose one Trigger sends it every event. */
export async function startBrokerToOneSubscriber(): Promise<BrokerToOneSubscriber> {
  const subscriber = await startSubscriber();
  try {
    return { subscriber, broker: await startTestBroker(everythingTo(subscriber.url)) };
  } catch (err) {
    await subscriber.close();
    throw err;
  }
}

export interface BrokerToOneSubscriber {
  readonly subscriber: TestSubscriber;
  readonly broker: TestBroker;
}

/** `startBrokerToOneSubscriber` for the tests of the calling describe block: up in its beforeAll, closed in its afterAll. */
export function brokerToOneSubscriber(): BrokerToOneSubscriber {
  let started: BrokerToOneSubscriber | undefined;
  beforeAll(async () => {
    started = await startBrokerToOneSubscriber();
  });
  afterAll(async () => {
    await started?.broker.close();
    await started?.subscriber.close();
  });
  const running = () => {
    if (!started) throw new Error('The broker starts in beforeAll: read it in a test or a hook.');
    return started;
  };
  return {
    get subscriber() {
      return running().subscriber;
    },
    get broker() {
      return running().broker;
    },
  };
}

/** For `expect.poll`: generous, since a loaded CI machine is slow, never early (vitest's default is 1 s). */
export const eventually = { timeout: 10_000, interval: 50 };
