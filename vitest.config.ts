import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Tests run against the libraries' sources (no build needed); e2e tests start the built processes.
const alias = [{ find: /^@cabs\/([a-z-]+)$/, replacement: fileURLToPath(new URL('./libs/$1/src/index.ts', import.meta.url)) }];
const globalSetup = ['libs/testing/src/vitest-global-setup.ts'];

export default defineConfig({
  resolve: { alias },
  test: {
    reporters: process.env.CI ? ['default'] : ['default'],
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['{libs,services}/*/src/**/*.spec.ts'], environment: 'node' },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['{libs,services}/*/test/**/*.test.ts', 'tools/test/**/*.test.ts'],
          globalSetup,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          globalSetup,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
