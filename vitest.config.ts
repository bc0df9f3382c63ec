import { defineConfig } from 'vitest/config';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// One configuration for every project, run from the project's folder by its `test` (or `e2e`) target:
//   nx test transit   →   vitest run --config ../../vitest.config.ts   in services/transit
// so each test kind's files are found relative to the project. Run from the repository's root (`npx vitest run
// services/fees/test/fees-rest.test.ts`), it finds every project's. Tests run against the libraries' sources (no
// build needed); e2e tests start the built processes.
const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const projects = resolve(process.cwd()) === at('.').replace(/\/$/, '') ? '{libs,services,tools}/*/' : '';
// @cabs/<name> is libs/<name> or, for the programs tests drive (devstack, soak), tools/<name>.
const alias = ['libs', 'tools'].flatMap((folder) =>
  readdirSync(at(`./${folder}`))
    .filter((name) => existsSync(at(`./${folder}/${name}/src/index.ts`)))
    .map((name) => ({ find: new RegExp(`^@cabs/${name}$`), replacement: at(`./${folder}/${name}/src/index.ts`) })),
);
const globalSetup = [at('./libs/testing/src/vitest-global-setup.ts')];
const setupFiles = [at('./libs/testing/src/vitest-telemetry.ts')];
// Test files are outside the projects' build tsconfigs, so tell Vite's transform what tsc does: legacy decorators
// with metadata, which NestJS's dependency injection reads.
const oxc = { decorator: { legacy: true, emitDecoratorMetadata: true } };

export default defineConfig({
  resolve: { alias },
  oxc,
  test: {
    projects: [
      {
        resolve: { alias },
        oxc,
        test: { name: 'unit', include: [`${projects}src/**/*.spec.ts`], environment: 'node' },
      },
      {
        resolve: { alias },
        oxc,
        test: {
          name: 'integration',
          include: [`${projects}test/**/*.test.ts`],
          globalSetup,
          setupFiles,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        oxc,
        test: {
          name: 'e2e',
          include: ['**/*.e2e.ts'],
          globalSetup,
          setupFiles,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Each file starts its own system on its own ports and databases, so files may run side by side; most of
          // an e2e test is waiting (paced load, retry back-offs), which is what running two at a time uses.
        },
      },
    ],
  },
});
