/**
 * `npm run bench:broker`: how fast the local broker accepts and delivers events, next to the raw speed of
 * the PostgreSQL it writes to, in one run on one machine. Prints a Markdown table for docs/benchmarks.md.
 *
 * PostgreSQL: the server of DATABASE_URL if set (a throwaway database is created on it), otherwise a
 * throwaway embedded server. The broker runs as its own process (services/broker/dist/main.js, built), as in
 * production, and is spoken to over HTTP only — its ingress and its admin API — as `npm start` runs it: no import of
 * the broker's code, no query of its tables (docs/decisions/0022-tools.md).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Type } from '@sinclair/typebox';
import { BrokerAdminClient } from '@cabs/client';
import { DatabaseUrl, Duration, readEnvOrExit } from '@cabs/contracts';
import { startEmbeddedPostgres } from '@cabs/local-postgres';
import { dropDatabase, ensureDatabase, migrateDeploy, withDatabase, workspaceRoot } from '@cabs/postgres';
import { startCountingSubscriber } from './counting-subscriber.js';
import { percentile, runLoad, type LoadRequest, type LoadResult } from './load-generator.js';

const brokerDir = join(workspaceRoot(), 'services', 'broker');
const mainJs = join(brokerDir, 'dist', 'main.js');
/** The one Trigger of the bench's mesh.yaml: the subscriber that counts. */
const TRIGGER = 'fees-calculate-fee';
const benchEnv = readEnvOrExit(
  Type.Object({
    BENCH_PHASE_DURATION: Duration({ default: 'PT5S', positive: true }),
    DATABASE_URL: Type.Optional(DatabaseUrl('postgresql://postgres:postgres@127.0.0.1:54329/postgres')),
  }),
);
const PHASE_MS = benchEnv.BENCH_PHASE_DURATION;

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
const fmt = (n: number) => n.toLocaleString('en-US');
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

/** A command of realistic size (≈ 250 bytes of JSON), in binary mode like the services send. */
function benchEvent(): LoadRequest {
  const transitId = randomUUID();
  return {
    headers: {
      'ce-specversion': '1.0',
      'ce-id': randomUUID(),
      'ce-source': 'usvc://cabs/transit',
      'ce-type': 'cabs.fees.calculate-fee',
      'ce-subject': transitId,
      'ce-dataschema': 'https://cabs.example/schemas/cabs.fees.calculate-fee/v1.json',
      'content-type': 'application/json',
    },
    body: Buffer.from(
      JSON.stringify({
        transitId,
        driverId: randomUUID(),
        transitPrice: { amount: 4250, currency: 'PLN' },
        completedAt: new Date().toISOString(),
      }),
    ),
  };
}

async function benchServer(): Promise<{ url: string; stop(): Promise<void> }> {
  if (benchEnv.DATABASE_URL) return { url: benchEnv.DATABASE_URL, stop: async () => {} };
  const dataDir = await mkdtemp(join(tmpdir(), 'cabs-bench-pg-'));
  const server = await startEmbeddedPostgres({
    dataDir,
    port: 54400 + Math.floor(Math.random() * 500),
    persistent: false,
  });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The ceiling: autocommitted single-row INSERTs of an event-sized row, each its own durable commit. */
async function insertRate(url: string, connections: number): Promise<number> {
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  await clients[0].query(
    'CREATE TABLE IF NOT EXISTS bench_insert (id uuid PRIMARY KEY, attributes jsonb NOT NULL, data bytea, at timestamptz NOT NULL DEFAULT now())',
  );
  const sample = benchEvent();
  let count = 0;
  const started = performance.now();
  const deadline = started + PHASE_MS;
  await Promise.all(
    clients.map(async (c) => {
      while (performance.now() < deadline) {
        await c.query('INSERT INTO bench_insert (id, attributes, data) VALUES ($1, $2, $3)', [
          randomUUID(),
          JSON.stringify(sample.headers),
          sample.body,
        ]);
        count++;
      }
    }),
  );
  const elapsed = performance.now() - started;
  await Promise.all(clients.map((c) => c.end()));
  return rate(count, elapsed);
}

/** The first column of the first row of a query. */
async function scalar(url: string, sql: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(sql);
    return String(Object.values(rows[0])[0]);
  } finally {
    await client.end();
  }
}

class BrokerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly ingressUrl: string,
    readonly admin: BrokerAdminClient,
  ) {}

  static async start(env: Record<string, string>, ports: { port: number; adminPort: number }): Promise<BrokerProcess> {
    const child = spawn(process.execPath, [mainJs], {
      env: {
        ...process.env,
        ...env,
        PORT: String(ports.port),
        ADMIN_PORT: String(ports.adminPort),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    for (let i = 0; i < 200; i++) {
      const ready = await fetch(`http://127.0.0.1:${ports.adminPort}/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready)
        return new BrokerProcess(
          child,
          `http://127.0.0.1:${ports.port}/cabs/default`,
          new BrokerAdminClient(`http://127.0.0.1:${ports.adminPort}`),
        );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill('SIGKILL');
    throw new Error('the broker did not become ready within 20 s');
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
    });
  }
}

async function main() {
  const server = await benchServer();
  const database = `bench_broker_${randomUUID().slice(0, 8)}`;
  await ensureDatabase(server.url, database);
  const url = withDatabase(server.url, database);
  await migrateDeploy(brokerDir, url);
  const subscriber = await startCountingSubscriber();
  const configDir = await mkdtemp(join(tmpdir(), 'cabs-bench-mesh-'));
  await writeFile(
    join(configDir, 'mesh.yaml'),
    [
      'apiVersion: eventing.knative.dev/v1\nkind: Broker\nmetadata: { name: default, namespace: cabs }\nspec: { delivery: { retry: 3, backoffDelay: PT0.2S } }',
      `apiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata: { name: ${TRIGGER}, namespace: cabs }\nspec:\n  broker: default\n  filter: { attributes: { type: cabs.fees.calculate-fee } }\n  subscriber: { uri: "${subscriber.url}" }`,
    ].join('\n---\n'),
  );
  const env = { DATABASE_URL: url, MESH_CONFIG: configDir };
  const ports = { port: 18480, adminPort: 18481 };

  try {
    const facts = {
      version: await scalar(url, 'SHOW server_version'),
      fsync: await scalar(url, 'SHOW fsync'),
      synchronousCommit: await scalar(url, 'SHOW synchronous_commit'),
    };
    console.error(
      `PostgreSQL ${facts.version} (fsync ${facts.fsync}, synchronous_commit ${facts.synchronousCommit}); ${PHASE_MS} ms per phase`,
    );

    console.error('· raw INSERT ceiling');
    const ceiling1 = await insertRate(url, 1);
    const ceiling16 = await insertRate(url, 16);

    console.error('· ingress only (dispatcher off): 1, 16, 64 senders');
    let broker = await BrokerProcess.start({ ...env, MESH_DISPATCH: 'false' }, ports);
    await runLoad({ url: broker.ingressUrl, concurrency: 16, durationMs: 1000, request: benchEvent }); // warm-up
    const ingress: [number, LoadResult][] = [];
    for (const concurrency of [1, 16, 64]) {
      ingress.push([
        concurrency,
        await runLoad({ url: broker.ingressUrl, concurrency, durationMs: PHASE_MS, request: benchEvent }),
      ]);
    }
    // With the dispatcher off, every accepted event is still pending: the admin API counts them.
    const backlog = (await broker.admin.triggers()).find((t) => t.name === TRIGGER)?.backlog.pending ?? 0;
    await broker.stop();

    console.error(`· delivering the backlog of ${backlog}`);
    broker = await BrokerProcess.start(env, ports);
    // Timed from the first delivery, so the broker's start-up is not counted.
    await subscriber.reached(1, 60_000);
    const drainStarted = performance.now();
    await subscriber.reached(backlog, 300_000);
    const drainMs = performance.now() - drainStarted;

    console.error('· end to end, 1 sender, then 16 senders with the dispatcher running');
    const endToEnd = async (concurrency: number) => {
      const sentAt = new Map<string, { sent: number; answered: number }>();
      const before = subscriber.count();
      const load = await runLoad({
        url: broker.ingressUrl,
        concurrency,
        durationMs: PHASE_MS,
        request: benchEvent,
        onAccepted: (r, sent, answered) => sentAt.set(r.headers['ce-id'], { sent, answered }),
      });
      await subscriber.reached(before + load.ok, 120_000);
      const latencies = [...sentAt].map(([id, t]) => (subscriber.arrivals.get(id) ?? NaN) - t.sent);
      const beforeTheir202 = [...sentAt].filter(
        ([id, t]) => (subscriber.arrivals.get(id) ?? Infinity) < t.answered,
      ).length;
      return { load, latencies, beforeTheir202 };
    };
    const light = await endToEnd(1);
    const mixed = await endToEnd(16);
    await broker.stop();

    const rows: [string, string][] = [
      ['PostgreSQL single-row INSERT, 1 connection (each a durable commit)', `${fmt(ceiling1)} rows/s`],
      ['PostgreSQL single-row INSERT, 16 connections', `${fmt(ceiling16)} rows/s`],
      ...ingress.map(([c, r]): [string, string] => [
        `Ingress, ${c} concurrent sender${c > 1 ? 's' : ''} (202 after commit)`,
        `${fmt(rate(r.ok, r.durationMs))} events/s · p50 ${ms(percentile(r.latencies, 50))} ms · p99 ${ms(percentile(r.latencies, 99))} ms${r.failed ? ` · ${r.failed} failed` : ''}`,
      ]),
      [
        `Delivery of a ${fmt(backlog)}-event backlog to a trivial subscriber`,
        `${fmt(rate(backlog - 1, drainMs))} deliveries/s`,
      ],
      [
        'End to end, 1 sender: POST → subscriber',
        `p50 ${ms(percentile(light.latencies, 50))} ms · p99 ${ms(percentile(light.latencies, 99))} ms · ${Math.round((100 * light.beforeTheir202) / light.load.ok)}% arrive before the sender has its 202`,
      ],
      [
        'Accept and deliver together, 16 senders',
        `${fmt(rate(mixed.load.ok, mixed.load.durationMs))} events/s in and out · POST → subscriber p50 ${ms(percentile(mixed.latencies, 50))} ms · p99 ${ms(percentile(mixed.latencies, 99))} ms`,
      ],
    ];
    const cpu = cpus();
    console.log(
      `Machine: ${cpu[0]?.model} × ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, load average ${loadavg()[0].toFixed(2)} at the end`,
    );
    console.log(
      `Node ${process.version}; PostgreSQL ${facts.version} (fsync ${facts.fsync}, synchronous_commit ${facts.synchronousCommit}); ${PHASE_MS / 1000} s per phase; broker, senders, subscriber and PostgreSQL on the same machine\n`,
    );
    console.log('| measurement | result |\n|---|---|');
    for (const [what, result] of rows) console.log(`| ${what} | ${result} |`);
  } finally {
    await subscriber.close();
    await rm(configDir, { recursive: true, force: true });
    await dropDatabase(server.url, database);
    await server.stop();
  }
}

await main();
