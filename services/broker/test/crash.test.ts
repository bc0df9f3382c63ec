import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import pg from 'pg';
import { createServiceDatabase, freePort } from '@cabs/testing';
import { brokerDoc, meshYaml, triggerDoc } from './support/mesh-yaml.js';
import { attributes, sendBinary } from './support/send.js';
import { startSubscriber, type TestSubscriber } from './support/subscriber.js';
import { meshConfigDir } from './support/test-broker.js';

const projectDir = fileURLToPath(new URL('..', import.meta.url));
const mainJs = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/** The built broker as a real process, as `npm start` runs it. */
class BrokerProcess {
  readonly output: string[] = [];
  private readonly exited: Promise<number | null>;

  constructor(
    readonly child: ChildProcess,
    readonly ingressUrl: string,
    readonly adminUrl: string,
  ) {
    child.stdout?.on('data', (d: Buffer) => this.output.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => this.output.push(d.toString()));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  static async start(env: Record<string, string>): Promise<BrokerProcess> {
    const [port, adminPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, [mainJs], {
      env: {
        ...process.env,
        ...env,
        PORT: String(port),
        ADMIN_PORT: String(adminPort),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const broker = new BrokerProcess(child, `http://127.0.0.1:${port}`, `http://127.0.0.1:${adminPort}`);
    await expect
      .poll(
        () =>
          fetch(`${broker.adminUrl}/health/ready`).then(
            (r) => r.status,
            () => 0,
          ),
        { timeout: 15_000, interval: 100 },
      )
      .toBe(200);
    return broker;
  }

  kill(signal: NodeJS.Signals): Promise<number | null> {
    this.child.kill(signal);
    return this.exited;
  }
}

async function deliveryStates(databaseUrl: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ state: string; leased: boolean; n: string }>(
      'SELECT state, lease IS NOT NULL AS leased, count(*) AS n FROM deliveries GROUP BY 1, 2',
    );
    return Object.fromEntries(rows.map((r) => [`${r.state}${r.leased ? ' (leased)' : ''}`, Number(r.n)]));
  } finally {
    await client.end();
  }
}

describe('crash safety of the broker process', () => {
  let subscriber: TestSubscriber;
  let env: Record<string, string>;
  let databaseUrl: string;

  beforeAll(async () => {
    // The test runs the built broker; an up-to-date build is a no-op.
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const build = spawnSync(process.execPath, [tsc, '-b', projectDir], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`building the broker failed:\n${build.stdout}${build.stderr}`);

    // A slow subscriber, so deliveries are in flight when the broker dies.
    subscriber = await startSubscriber(async () => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { status: 202 };
    });
    databaseUrl = await createServiceDatabase(inject('pg'), 'broker');
    const yaml = meshYaml(
      brokerDoc({ retry: 3, backoffDelay: 'PT0.1S' }),
      triggerDoc('slow', { subscriber: { uri: subscriber.url }, delivery: { timeout: 'PT2S' } }),
    );
    env = {
      DATABASE_URL: databaseUrl,
      MESH_CONFIG: await meshConfigDir(yaml),
      MESH_DELIVERY_CONCURRENCY: '4',
      MESH_POLL_INTERVAL: 'PT0.1S',
      MESH_LEASE_MARGIN: 'PT0.5S',
    };
  }, 120_000);
  afterAll(async () => {
    await subscriber?.close();
  });

  it('loses no accepted event and leaves no delivery stuck when killed with SIGKILL mid-delivery', async () => {
    const first = await BrokerProcess.start(env);
    const accepted = new Set<string>();
    let killed = false;

    // Senders keep going until the broker dies under them; only 202s count as accepted.
    const senders = Array.from({ length: 4 }, async () => {
      while (!killed) {
        const attrs = attributes({ type: 'cabs.test.crash' });
        const result = await sendBinary(`${first.ingressUrl}/cabs/default`, attrs).catch(() => undefined);
        if (result?.status === 202) accepted.add(attrs.id);
      }
    });
    await subscriber.waitFor(8);
    killed = true;
    expect(await first.kill('SIGKILL')).toBeNull();
    await Promise.all(senders);
    const deliveredBeforeCrash = new Set(subscriber.received.map((r) => String(r.headers['ce-id'])));
    expect(accepted.size).toBeGreaterThan(deliveredBeforeCrash.size);

    const second = await BrokerProcess.start(env);
    try {
      await subscriber.until((r) => {
        const seen = new Set(r.map((x) => String(x.headers['ce-id'])));
        return [...accepted].every((id) => seen.has(id));
      }, 20_000);
      // Duplicates are allowed (at-least-once); losses and stuck deliveries are not. Events committed just
      // before the kill, whose 202 never left, are delivered too: the sender will send them again.
      await expect
        .poll(() => deliveryStates(databaseUrl), { timeout: 10_000 })
        .toEqual({ delivered: expect.any(Number) });
      expect((await deliveryStates(databaseUrl)).delivered).toBeGreaterThanOrEqual(accepted.size);
    } finally {
      expect(await second.kill('SIGTERM')).toBe(0);
    }
  });

  it('finishes the deliveries in flight and records them on SIGTERM', async () => {
    const broker = await BrokerProcess.start(env);
    const before = subscriber.received.length;
    const ids = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const attrs = attributes({ type: 'cabs.test.graceful' });
        expect((await sendBinary(`${broker.ingressUrl}/cabs/default`, attrs)).status).toBe(202);
        return attrs.id;
      }),
    );
    await subscriber.waitFor(before + 1);
    expect(await broker.kill('SIGTERM'), broker.output.join('')).toBe(0);
    // Whatever was claimed was answered and recorded; the rest waits, unleased, for the next broker.
    const states = await deliveryStates(databaseUrl);
    expect(Object.keys(states).filter((s) => s.includes('leased'))).toEqual([]);
    const answered = subscriber.received.slice(before).filter((r) => ids.includes(String(r.headers['ce-id']))).length;
    expect(states.delivered).toBeGreaterThanOrEqual(answered);
  });
});
