import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { DOMAIN_SERVICES, systemPorts, systemProcesses } from '@cabs/devstack';
import { withDatabase, workspaceRoot } from '@cabs/postgres';
import {
  builtServices,
  composeFilePath,
  environmentOf,
  loadCompose,
  loadComposeUninterpolated,
  mountsOf,
  portsOf,
} from './support/compose-file.js';
import { EXTERNAL_SUBSCRIBERS, meshBroker, meshTriggers, subscriberName } from './support/compose-mesh-config.js';
import { composeDatabases, localProcessSpec } from './support/compose-processes.js';
import { imageLines, lineProblem, withBaseImage } from './support/image-lines.js';

// ajv-formats is CommonJS with a default export; under NodeNext its callable is the module's `default`.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const root = workspaceRoot();
const compose = loadCompose();
const services = Object.entries(compose.services);
const nodeServices = builtServices(compose);
const broker = compose.services.broker;
const brokerEnv = environmentOf(broker);
const { metadata: brokerMeta } = meshBroker();
const ingressPath = `/${brokerMeta.namespace}/${brokerMeta.name}`;

/** The ports docs/contract.md gives each process, published on the host at the same number. */
const CONTRACT_PORTS: Record<string, number[]> = {
  console: [3000],
  transit: [3001],
  drivers: [3002],
  fees: [3003],
  invoicing: [3004],
  notifications: [3005],
  broker: [8080, 8081],
  jaeger: [16686, 4318],
};

/**
 * docker-compose.yml, checked without Docker: a valid Compose file, and wired the way the system needs — health-gated
 * start, K_SINK at the broker, every Trigger's subscriber reachable, the same commands and environment as the local run.
 */
describe('docker-compose.yml', () => {
  it('is a valid Compose file (the Compose Specification JSON Schema)', () => {
    const schema = JSON.parse(readFileSync(join(root, 'compose/schema/compose-spec.json'), 'utf8')) as object;
    // The schema names draft-07 by an https URL Ajv does not know as its meta-schema; Ajv's default is draft-07.
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const problems = (doc: unknown) =>
      validate(doc)
        ? []
        : (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`);
    expect(problems(compose)).toEqual([]);

    // The schema does catch mistakes of the kind that matter here.
    const broken = structuredClone(compose);
    (broken.services.transit.depends_on as Record<string, { condition: string }>).broker.condition = 'service_ready';
    expect(problems(broken).join('\n')).toMatch(/depends_on/);
  });

  it('passes `docker-compose config -q` (when Debian’s docker-compose is installed)', (ctx) => {
    const run = spawnSync('docker-compose', ['-f', composeFilePath, 'config', '-q'], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
      console.log(
        'note: docker-compose is not installed, so `docker-compose config -q` was not run (apt-get install docker-compose)',
      );
      ctx.skip();
    }
    expect(run.stderr + run.stdout).toBe('');
    expect(run.status).toBe(0);
  });

  it('gives every container a health check, restarts it unless stopped, and starts it only once its dependencies are healthy', () => {
    for (const [name, service] of services) {
      expect(service.healthcheck?.test?.length, `${name}: healthcheck.test`).toBeGreaterThan(1);
      expect(service.healthcheck?.disable, `${name}: healthcheck.disable`).not.toBe(true);
      expect(service.restart, `${name}: restart`).toBe('unless-stopped');
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(compose.services[dependency], `${name} depends on unknown service ${dependency}`).toBeDefined();
        expect(condition, `${name} → ${dependency}`).toBe('service_healthy');
      }
    }
    // Every Node process needs PostgreSQL or the services before it can be healthy itself.
    for (const [name, service] of nodeServices) expect(Object.keys(service.depends_on ?? {}), name).not.toEqual([]);
  });

  it('runs each Node process with the command and environment of the local system (tools/devstack), only addresses differing', () => {
    const serverUrl = 'postgresql://local:local@127.0.0.1:5432/postgres';
    const local = systemProcesses({ serverUrl, ports: systemPorts(0) });
    const identity = {
      port: (_s: string, port: number) => port,
      database: (name: string) => withDatabase(serverUrl, name),
      volume: (name: string) => `/volumes/${name}`,
    };
    // Added by compose only: authentication (docs/decisions/0008-deployment.md), the tracing addresses, and seeding by
    // the console (`npm start` seeds itself, before it says ready).
    const composeOnly = [
      'MESH_TOKEN',
      'MESH_TOKEN_FILE',
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'TRACING_UI_URL',
      'SEED_DEMO_DATA',
    ];
    for (const spec of local) {
      const fromCompose = localProcessSpec(compose, spec.name, identity);
      expect(fromCompose.dir, spec.name).toBe(spec.dir);
      expect(fromCompose.args, spec.name).toEqual(spec.args);
      expect(fromCompose.readyUrl, spec.name).toBe(spec.readyUrl);
      const extra = Object.keys(fromCompose.env).filter((k) => !(k in spec.env) && !composeOnly.includes(k));
      expect(extra, `${spec.name}: variables compose sets that the local run does not`).toEqual([]);
      expect(Object.fromEntries(Object.keys(spec.env).map((k) => [k, fromCompose.env[k]])), spec.name).toEqual(
        spec.env,
      );
    }
    expect(local.map((p) => p.name).sort()).toEqual(nodeServices.map(([n]) => n).sort());
  });

  it("points every Node service's K_SINK at the broker's ingress, as a SinkBinding would", () => {
    const ingress = `http://broker:${brokerEnv.PORT}${ingressPath}`;
    expect(brokerEnv.PORT).toBe('8080');
    for (const [name, service] of nodeServices.filter(([n]) => n !== 'broker')) {
      expect(environmentOf(service).K_SINK, `${name}: K_SINK`).toBe(ingress);
    }
    expect(nodeServices.map(([n]) => n).sort()).toEqual(['broker', 'console', ...DOMAIN_SERVICES].sort());
  });

  it('mounts mesh-config/ read-only into the broker, where MESH_CONFIG points', () => {
    const mount = mountsOf(broker).find((m) => m.target === brokerEnv.MESH_CONFIG);
    expect(mount, `a volume mounted at MESH_CONFIG=${brokerEnv.MESH_CONFIG}`).toBeDefined();
    expect(mount?.bind && resolve(root, mount.source)).toBe(join(root, 'mesh-config'));
    expect(mount?.readOnly).toBe(true);
  });

  it('reaches every Trigger subscriber of mesh-config/triggers.yaml at a compose service, as the broker resolves it', () => {
    const mapped = new Map(
      (brokerEnv.MESH_SUBSCRIBER_URLS ?? '')
        .split(',')
        .filter(Boolean)
        .map((entry) => entry.split('=') as [string, string]),
    );
    const template = brokerEnv.MESH_SUBSCRIBER_URL_TEMPLATE;
    const subscribers = new Set(
      meshTriggers()
        .map(subscriberName)
        .filter((name) => !EXTERNAL_SUBSCRIBERS.includes(name)),
    );
    expect(subscribers.size).toBeGreaterThan(0);
    for (const name of subscribers) {
      const url = new URL(
        mapped.get(name) ??
          template?.replaceAll('{name}', name).replaceAll('{namespace}', brokerMeta.namespace ?? '') ??
          'http://unresolved',
      );
      const target = compose.services[url.hostname];
      expect(target, `subscriber ${name} resolves to ${url.href}, not a compose service`).toBeDefined();
      expect(url.hostname, `subscriber ${name}`).toBe(name);
      expect(url.port, `subscriber ${name}: the port its PORT says`).toBe(environmentOf(target).PORT);
    }
  });

  it('publishes the ports of docs/contract.md, each the same inside the network as on the host', () => {
    for (const [name, ports] of Object.entries(CONTRACT_PORTS)) {
      expect(
        portsOf(compose.services[name]).map((p) => p.published),
        name,
      ).toEqual(ports);
    }
    for (const [name, service] of services) {
      for (const { published, target } of portsOf(service))
        expect(published, `${name}: ${published}:${target}`).toBe(target);
      const env = environmentOf(service);
      const listening = [env.PORT, env.ADMIN_PORT].filter(Boolean).map(Number);
      if (listening.length)
        expect(
          portsOf(service).map((p) => p.target),
          name,
        ).toEqual(listening);
    }
    expect(compose.services.postgres.ports, 'PostgreSQL stays inside the compose network').toBeUndefined();
  });

  it('creates, on the first start of PostgreSQL, exactly the databases the services use: one each', () => {
    const init = mountsOf(compose.services.postgres).find((m) => m.target.startsWith('/docker-entrypoint-initdb.d/'));
    expect(init?.readOnly).toBe(true);
    const sql = readFileSync(resolve(root, init?.source ?? 'missing'), 'utf8');
    const created = [...sql.matchAll(/^CREATE DATABASE (\w+);/gm)].map((m) => m[1]).sort();
    const used = [...composeDatabases(compose).entries()];
    expect(created).toEqual(used.map(([, db]) => db).sort());
    for (const [name, db] of used) {
      expect(db, name).toBe(`cabs_${name}`);
      expect(new URL(environmentOf(compose.services[name]).DATABASE_URL).host, name).toBe('postgres:5432');
    }
  });

  it("exports the traces of every process of a ride — the console's root, the broker, the five services — to Jaeger over OTLP/HTTP, and links the console to Jaeger's UI", () => {
    // Jaeger 2 receives OTLP with its default configuration (Jaeger 1's COLLECTOR_OTLP_ENABLED is gone).
    expect(compose.services.jaeger.image).toMatch(/^jaegertracing\/jaeger:2\./);
    expect(compose.services.jaeger.healthcheck?.test).toContain('http://127.0.0.1:13133/status');
    for (const name of DOMAIN_SERVICES) {
      const env = environmentOf(compose.services[name]);
      expect(env.OTEL_EXPORTER_OTLP_ENDPOINT, name).toBe('http://jaeger:4318');
      expect(env.OTEL_SERVICE_NAME, name).toBe(name);
      expect(compose.services[name].command, name).toEqual([
        'node',
        '--import',
        '@cabs/platform/telemetry',
        'dist/main.js',
      ]);
    }
    for (const name of ['broker', 'console']) {
      expect(environmentOf(compose.services[name]).OTEL_EXPORTER_OTLP_ENDPOINT, name).toBe('http://jaeger:4318');
      expect(Object.keys(compose.services[name].depends_on ?? {}), name).toContain('jaeger');
    }
    expect(environmentOf(compose.services.console).TRACING_UI_URL).toBe('http://localhost:16686');
  });

  it('commits no secret, yet authenticates by default: a token from the shell, or one generated on first start', () => {
    const written = loadComposeUninterpolated();
    for (const [name] of nodeServices) {
      const env = environmentOf(written.services[name]);
      expect(env.MESH_TOKEN, `${name}: MESH_TOKEN comes from the shell`).toMatch(/^\$\{MESH_TOKEN(:?-)?\}$/);
      // With nothing set in the shell, every process still gets a token: docker/entrypoint.sh reads this file.
      const tokenFile = environmentOf(compose.services[name]).MESH_TOKEN_FILE;
      const mount = mountsOf(compose.services[name]).find((m) => tokenFile.startsWith(`${m.target}/`));
      expect(mount, `${name}: MESH_TOKEN_FILE=${tokenFile} on a volume`).toMatchObject({
        bind: false,
        source: 'mesh-token',
      });
      // Only the broker writes it (it starts before everything else that needs the token).
      expect(mount?.readOnly, `${name}: mesh-token mounted read-only`).toBe(name !== 'broker');
    }
    expect(compose.volumes).toHaveProperty('mesh-token');
  });
});

describe('the images docker-compose.yml and the Dockerfile run', () => {
  const today = new Date().toISOString().slice(0, 10);
  const lines = imageLines();

  it('are all on a release line that is still supported (compose/image-lines.yaml)', () => {
    const pulled = services.filter(([, service]) => !service.build).map(([, service]) => service.image ?? '');
    const nodeImage =
      /^ARG NODE_IMAGE=(\S+)$/m.exec(readFileSync(join(root, 'Dockerfile'), 'utf8'))?.[1] ??
      'no NODE_IMAGE in the Dockerfile';
    const named = [...pulled, ...withBaseImage(nodeImage)];
    expect(named).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^postgres:/),
        expect.stringMatching(/^jaegertracing\//),
        expect.stringMatching(/^node:/),
        expect.stringMatching(/^debian:/),
      ]),
    );
    expect(named.map((reference) => lineProblem(reference, lines, today)).filter(Boolean)).toEqual([]);
  });

  it('would fail on an image whose line has ended, or one the table does not know', () => {
    expect(lineProblem('jaegertracing/all-in-one:1.62.0', lines, today)).toMatch(
      /the jaegertracing\/all-in-one 1 line reached its end of life on 2025-12-31/,
    );
    expect(
      withBaseImage('node:20-bookworm-slim').map((reference) => lineProblem(reference, lines, '2026-07-01')),
    ).toEqual([
      expect.stringMatching(/node 20 line reached its end of life on 2026-04-30/),
      expect.stringMatching(/debian bookworm line reached its end of life on 2026-06-10/),
    ]);
    expect(lineProblem('postgres:17', lines, '2029-11-09')).toMatch(/end of life on 2029-11-08/);
    expect(lineProblem('postgres:14', lines, today)).toMatch(/on none of the lines listed for postgres/);
    expect(lineProblem('redis:7', lines, today)).toMatch(/redis is not in compose\/image-lines.yaml/);
  });
});
