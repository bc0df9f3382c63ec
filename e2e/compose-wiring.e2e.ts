import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import { DRIVERS, registerDrivers, requestJson } from '@cabs/client';
import { DOMAIN_SERVICES, Supervisor, type ProcessSpec } from '@cabs/devstack';
import { createServiceDatabase, freePort, sendEvent, waitFor } from '@cabs/testing';
import { environmentOf, loadCompose, type ComposeFile } from './support/compose-file.js';
import { OtlpReceiver } from './support/compose-otlp-receiver.js';
import { localProcessSpec, type LocalMapping } from './support/compose-processes.js';

const run = promisify(execFile);
const PROCESSES = ['broker', ...DOMAIN_SERVICES, 'console'];

/**
 * docker-compose.yml's wiring, proven without Docker: the broker, the five services and the console run as local
 * processes with exactly the commands and environments the compose file gives their containers. Only addresses
 * change — each compose host:port becomes a free local port, `postgres` the test server (a fresh database per
 * service), `jaeger` an OTLP receiver, mounts local folders. Then a fact must travel drivers → K_SINK → broker →
 * Trigger → fees, and a ride completed on the console must be one trace in the receiver.
 */
describe('docker-compose.yml wiring, run as local processes', () => {
  const token = randomBytes(16).toString('hex');
  // The token a presenter may pass from the shell (`MESH_TOKEN=... docker compose up`).
  const compose: ComposeFile = loadCompose({ MESH_TOKEN: token });
  const logs: string[] = [];
  const volumes: string[] = [];
  let otlp: OtlpReceiver;
  let supervisor: Supervisor;
  let specs: Map<string, ProcessSpec>;
  const url = (name: string, path: string) => `http://127.0.0.1:${specs.get(name)?.port}${path}`;

  beforeAll(async () => {
    const pg = inject('pg');
    otlp = await OtlpReceiver.start();
    const ports = new Map<string, number>([['jaeger:4318', otlp.port]]);
    for (const name of PROCESSES) {
      const env = environmentOf(compose.services[name]);
      for (const port of [env.PORT, env.ADMIN_PORT].filter(Boolean)) ports.set(`${name}:${port}`, await freePort());
    }
    const databases = new Map<string, string>();
    for (const name of PROCESSES.filter((n) => environmentOf(compose.services[n]).DATABASE_URL)) {
      databases.set(
        new URL(environmentOf(compose.services[name]).DATABASE_URL).pathname.slice(1),
        await createServiceDatabase(pg, name),
      );
    }
    const mapping: LocalMapping = {
      port: (service, port) => ports.get(`${service}:${port}`) ?? fail(`no local stand-in for ${service}:${port}`),
      database: (name) => databases.get(name) ?? fail(`no test database for ${name}`),
      volume: (name) => {
        const dir = mkdtempSync(join(tmpdir(), `cabs-volume-${name}-`));
        volumes.push(dir);
        return dir;
      },
    };
    specs = new Map(PROCESSES.map((name) => [name, localProcessSpec(compose, name, mapping)]));
    for (const spec of specs.values()) {
      const main = spec.args.find((a) => a.endsWith('.js')) ?? '';
      if (!existsSync(join(spec.dir, main)))
        throw new Error(`${spec.dir}/${main} does not exist: build first (npm run build)`);
    }
    supervisor = new Supervisor([...specs.values()], (line) => logs.push(line));
    try {
      await supervisor.start('broker');
      await Promise.all(DOMAIN_SERVICES.map((name) => supervisor.start(name)));
      await supervisor.start('console');
    } catch (err) {
      throw new Error(`${(err as Error).message}\n--- process output ---\n${logs.slice(-60).join('\n')}`);
    }
  });

  afterAll(async () => {
    await supervisor?.stopAll();
    await otlp?.close();
    for (const dir of volumes) rmSync(dir, { recursive: true, force: true });
  });

  const printLogsOnFailure = () => onTestFailed(() => console.log(logs.slice(-120).join('\n')));

  it('reports every process healthy through the compose health check itself', async () => {
    printLogsOnFailure();
    for (const [name, spec] of specs) {
      const [kind, program, ...args] = compose.services[name].healthcheck?.test ?? [];
      expect(kind, name).toBe('CMD');
      // Rejects (and fails the test) on a non-zero exit.
      await run(program, args, { env: { PATH: process.env.PATH, ...spec.env }, timeout: 10_000 });
    }
  });

  it("refuses events at the broker's ingress without the mesh token, and accepts them with it", async () => {
    printLogsOnFailure();
    // Compose's K_SINK for transit, pointed at the local broker.
    const ingress = specs.get('transit')?.env.K_SINK ?? fail('transit has no K_SINK');
    const event = { type: 'cabs.e2e.wiring-checked', data: { ok: true } };
    expect((await sendEvent(ingress, event)).status).toBe(401);
    expect((await sendEvent(ingress, event, { headers: { authorization: `Bearer ${token}` } })).status).toBe(202);
  });

  it('carries a driver registered on drivers through K_SINK, the broker and its Trigger to the fees projection', async () => {
    printLogsOnFailure();
    // The console seeds the demo's drivers (SEED_DEMO_DATA) meanwhile: this one has a licence of her own.
    const grace = {
      ...(DRIVERS.find((d) => d.feeTerms?.type === 'flat') ?? fail('a seed driver with flat fee terms')),
      licenseNumber: 'HOPPE906125GH2NY',
    };
    const driver = await requestJson<{ id: string }>('POST', url('drivers', '/drivers'), grace);
    const terms = await waitFor(
      'fees to learn the driver from cabs.drivers.driver-registered',
      async () => {
        const res = await fetch(url('fees', `/drivers/${driver.id}/fee-terms`));
        return res.ok ? ((await res.json()) as { feeTerms: unknown }) : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 100 },
    );
    expect(terms.feeTerms).toEqual(grace.feeTerms);
  });

  it("exports that journey's spans to the OTLP endpoint, drivers and fees in one trace", async () => {
    printLogsOnFailure();
    onTestFailed(() =>
      console.log(
        `spans received: ${JSON.stringify(otlp.spans.slice(-40))}\nrejected requests: ${otlp.problems.join(', ')}`,
      ),
    );
    // The exporters batch spans for up to 5 s.
    const traces = await waitFor(
      'a trace with spans from drivers and fees',
      () => otlp.tracesSpanning(['drivers', 'fees']).length > 0 && otlp.tracesSpanning(['drivers', 'fees']),
      {
        timeoutMs: 20_000,
        intervalMs: 200,
      },
    );
    expect(traces.length).toBeGreaterThan(0);
  });

  it("makes a ride completed on the console one trace: the console's root, the broker, all five services, no gaps", async () => {
    printLogsOnFailure();
    await registerDrivers(url('drivers', ''), [
      { firstName: 'Katherine', lastName: 'Johnson', licenseNumber: 'JOHNS818826KJ1US' },
    ]);
    const ride = await requestJson<{ id: string }>('POST', url('console', '/api/rides'));
    const completed = await requestJson<{ status: number; traceId?: string }>(
      'POST',
      url('console', `/api/rides/${ride.id}/complete`),
    );
    expect(completed.status).toBe(202);
    const traceId = completed.traceId ?? fail('the console named no trace: is OTEL_EXPORTER_OTLP_ENDPOINT set for it?');
    onTestFailed(() =>
      console.log(
        `spans of trace ${traceId}: ${JSON.stringify(
          otlp.trace(traceId).map((s) => `${s.service} ${s.name} ${s.spanId} ← ${s.parentSpanId}`),
          null,
          1,
        )}`,
      ),
    );
    const everyone = ['console', 'broker', ...DOMAIN_SERVICES];
    // The exporters batch spans for up to 5 s; wait until every process has reported and every span's parent is there.
    const spans = await waitFor(
      'one trace holding every process of the ride, each span under a parent of the same trace',
      () => {
        const trace = otlp.trace(traceId);
        const ids = new Set(trace.map((s) => s.spanId));
        const complete =
          everyone.every((name) => trace.some((s) => s.service === name)) &&
          trace.every((s) => !s.parentSpanId || ids.has(s.parentSpanId));
        return complete && trace;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    const roots = spans.filter((s) => !s.parentSpanId);
    expect(roots.map((s) => `${s.service}: ${s.name}`)).toEqual(['console: send cabs.transit.complete-transit']);
    // The mesh is in the trace: where CompleteTransit entered, and its delivery to transit.
    const broker = spans.filter((s) => s.service === 'broker').map((s) => s.name);
    expect(broker).toEqual(expect.arrayContaining(['broker:default.cabs', 'trigger:transit-complete-transit.cabs']));
  });
});

function fail(message: string): never {
  throw new Error(message);
}
