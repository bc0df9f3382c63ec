import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { registerDrivers, requestJson, type Invoice } from '@cabs/client';
import { startControlServer } from '@cabs/devstack';
import { workspaceRoot } from '@cabs/postgres';
import { freePort, waitFor } from '@cabs/testing';
import { cabs, devstack } from './support/processes.js';
import { meshConfigWith, startTestSystem, type TestSystem } from './support/test-system.js';
import { sampleProblems, workshopSamples } from './support/workshop-samples.js';

const fakeDocker = fileURLToPath(new URL('./support/fake-docker', import.meta.url));

/**
 * docs/workshop.md on the docker compose path: the `cabs` CLI against a system it did not start (no `npm start`
 * control server; the mesh token on, as compose has it) finds it on the published ports, reads health from the
 * processes, stops and starts them with `docker compose`, and reads the generated mesh token through
 * `docker compose exec`. Docker is a stand-in on PATH (support/fake-docker) that acts on this test's processes
 * and logs every command the CLI ran.
 */
describe('the workshop (docker compose + cabs CLI)', () => {
  const token = randomBytes(16).toString('hex');
  const compose = `docker compose -f ${join(workspaceRoot(), 'docker-compose.yml')}`;
  let system: TestSystem;
  let control: FastifyInstance;
  let work: string;
  let env: Record<string, string>;
  const dockerLog = () => readFileSync(join(work, 'docker.log'), 'utf8');
  const invoicesOf = (transitId: string) =>
    requestJson<Invoice[]>('GET', `http://127.0.0.1:${system.ports.invoicing}/invoices?transitId=${transitId}`);

  beforeAll(async () => {
    system = await startTestSystem({
      meshConfig: meshConfigWith({ retry: 8, backoffPolicy: 'exponential', backoffDelay: 'PT0.05S' }),
      env: { MESH_TOKEN: token },
    });
    await registerDrivers(system.urls.drivers);
    control = await startControlServer(system.supervisor, await freePort());
    work = mkdtempSync(join(tmpdir(), 'cabs-fake-docker-'));
    writeFileSync(join(work, 'docker.log'), '');
    env = {
      CABS_PORT_OFFSET: String(system.ports.broker - 8080),
      PATH: `${fakeDocker}${delimiter}${process.env.PATH}`,
      FAKE_DOCKER_LOG: join(work, 'docker.log'),
      FAKE_DOCKER_CONTROL: `http://127.0.0.1:${(control.server.address() as { port: number }).port}`,
      FAKE_MESH_TOKEN: token,
      // Nobody exported it: the CLI must find it itself.
      MESH_TOKEN: '',
    };
  });
  afterAll(async () => {
    await control?.close();
    await system?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });
  const showOnFailure = () =>
    onTestFailed(() => console.log(`docker commands:\n${dockerLog()}\n${system.logs.slice(-60).join('\n')}`));

  it('status: each service, its container and its health, from the processes themselves', async () => {
    showOnFailure();
    const status = await cabs(['status'], env);
    expect(status.code, status.output).toBe(0);
    expect(status.output).toMatch(/^service\s+container\s+health\s+url$/m);
    for (const name of ['broker', 'transit', 'drivers', 'fees', 'invoicing', 'notifications', 'console']) {
      expect(status.output).toMatch(new RegExp(`^${name}\\s+running\\s+healthy\\s+http://localhost:\\d+`, 'm'));
    }
    expect(dockerLog()).toContain(`${compose} ps --all --format json`);
    const sample = workshopSamples().get('status-compose') ?? [];
    expect(sample.length).toBeGreaterThan(1);
    expect(sampleProblems(sample, status.output), 'docs/workshop.md, sample status-compose').toEqual([]);
  });

  it('main scenario: stop invoicing with docker compose, ride with the generated token, see the retries, start it again', async () => {
    showOnFailure();
    expect((await cabs(['stop', 'invoicing'], env)).output).toMatch(/invoicing stopped/);
    expect(dockerLog()).toContain(`${compose} stop invoicing\n`);
    expect((await cabs(['status'], env)).output).toMatch(/^invoicing\s+exited\s+down/m);

    const ride = devstack('cli/main.js', ['ride'], env);
    await ride.waitForOutput(/202 Accepted/);
    await ride.waitForOutput(/driver's fee calculated/);
    await ride.stop('SIGINT');
    expect(dockerLog()).toMatch(new RegExp(`${compose} exec -T \\w+ cat /var/lib/cabs/mesh-token`));
    const transitId = ride.output.match(/ride ([0-9a-f-]{36})/)?.[1] ?? '';

    const retrying = await waitFor('a retrying issue-invoice delivery, read with the token', async () => {
      const { output } = await cabs(['deliveries', '--state', 'retrying'], env);
      return /invoicing-issue-invoice/.test(output) ? output : undefined;
    });
    expect(retrying).toMatch(/retrying/);

    expect((await cabs(['start', 'invoicing'], env)).output).toMatch(/invoicing is ready/);
    expect(dockerLog()).toContain(`${compose} start invoicing\n`);
    await waitFor('the invoice of the ride', async () => (await invoicesOf(transitId)).length === 1, {
      timeoutMs: 40_000,
    });
  });

  it('kills with `docker compose kill`', async () => {
    showOnFailure();
    expect((await cabs(['stop', 'broker', '--kill'], env)).output).toMatch(/broker killed/);
    expect(dockerLog()).toContain(`${compose} kill broker\n`);
    expect((await cabs(['start', 'broker'], env)).output).toMatch(/broker is ready/);
  });

  it('without docker on PATH, says which compose command to run, and how to get the token', async () => {
    showOnFailure();
    // Nothing on PATH at all (the CLI runs from node's own path): no docker, whatever this machine has.
    const noDocker = { ...env, PATH: '/nonexistent' };
    const stop = await cabs(['stop', 'invoicing'], noDocker);
    expect(stop.code).toBe(2);
    expect(stop.output).toMatch(/run `docker compose stop invoicing`/);
    const deliveries = await cabs(['deliveries'], noDocker);
    expect(deliveries.code).toBe(2);
    expect(deliveries.output).toContain(
      'export MESH_TOKEN=$(docker compose exec -T broker cat /var/lib/cabs/mesh-token)',
    );
    expect((await cabs(['deliveries'], { ...noDocker, MESH_TOKEN: token })).code).toBe(0);
  });
});
