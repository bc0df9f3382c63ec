import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import { DRIVERS } from '@cabs/demo';
import { DOMAIN_SERVICES, Supervisor, type ProcessSpec } from '@cabs/devstack';
import { createServiceDatabase, freePort, sendEvent, waitFor } from '@cabs/testing';
import { environmentOf, loadCompose, type ComposeFile } from './support/compose-file.js';
import { OtlpReceiver } from './support/compose-otlp-receiver.js';
import { localProcessSpec, type LocalMapping } from './support/compose-processes.js';
import { json } from './support/http.js';

const run = promisify(execFile);
const PROCESSES = ['broker', ...DOMAIN_SERVICES];

/**
 * docker-compose.yml's wiring, proven without Docker: the broker and the five services run as local processes with
 * exactly the commands and environments the compose file gives their containers. Only addresses change — each
 * compose host:port becomes a free local port, `postgres` the test server (a fresh database per service), `jaeger`
 * an OTLP receiver, mounts local folders. Then a fact must travel drivers → K_SINK → broker → Trigger → fees.
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
    for (const name of PROCESSES) databases.set(new URL(environmentOf(compose.services[name]).DATABASE_URL).pathname.slice(1), await createServiceDatabase(pg, name));
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
      if (!existsSync(join(spec.dir, main))) throw new Error(`${spec.dir}/${main} does not exist: build first (npm run build)`);
    }
    supervisor = new Supervisor([...specs.values()], (line) => logs.push(line));
    try {
      await supervisor.start('broker');
      await Promise.all(DOMAIN_SERVICES.map((name) => supervisor.start(name)));
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
    const grace = DRIVERS.find((d) => d.feeTerms?.type === 'flat') ?? fail('a seed driver with flat fee terms');
    const driver = await json<{ id: string }>('POST', url('drivers', '/drivers'), grace);
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
    onTestFailed(() => console.log(`spans received: ${JSON.stringify(otlp.spans.slice(-40))}\nrejected requests: ${otlp.problems.join(', ')}`));
    // The exporters batch spans for up to 5 s.
    const traces = await waitFor('a trace with spans from drivers and fees', () => otlp.tracesSpanning(['drivers', 'fees']).length > 0 && otlp.tracesSpanning(['drivers', 'fees']), {
      timeoutMs: 20_000,
      intervalMs: 200,
    });
    expect(traces.length).toBeGreaterThan(0);
  });
});

function fail(message: string): never {
  throw new Error(message);
}
