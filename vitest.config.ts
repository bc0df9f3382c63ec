import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Tests run against the libraries' sources (no build needed); e2e tests start the built processes.
const alias = [{ find: /^@cabs\/([a-z-]+)$/, replacement: fileURLToPath(new URL('./libs/$1/src/index.ts', import.meta.url)) }];
const globalSetup = ['libs/testing/src/vitest-global-setup.ts'];
const setupFiles = ['libs/testing/src/vitest-telemetry.ts'];
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
        test: { name: 'unit', include: ['{libs,services}/*/src/**/*.spec.ts'], environment: 'node' },
      },
      {
        resolve: { alias },
        oxc,
        test: {
          name: 'integration',
          include: ['{libs,services}/*/test/**/*.test.ts'],
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
          include: ['e2e/**/*.e2e.ts'],
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
