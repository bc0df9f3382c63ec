// Architecture as lint rules: the Nx tags on each project say what may import what.
import nx from '@nx/eslint-plugin';

const services = ['broker', 'transit', 'drivers', 'fees', 'invoicing', 'notifications', 'console'];

/** Who may import whom. Tests may additionally use the testing toolkit. */
const depConstraints = (forTests) => {
  const testing = forTests ? ['type:testing'] : [];
  return [
    // A service sees only its own scope and shared code: never another service.
    ...services.map((s) => ({ sourceTag: `scope:${s}`, onlyDependOnLibsWithTags: [`scope:${s}`, 'scope:shared'] })),
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts', ...testing] },
    { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:infra', ...testing] },
    { sourceTag: 'type:chassis', onlyDependOnLibsWithTags: ['type:contracts', 'type:chassis', 'type:infra', ...testing] },
    { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:chassis', 'type:infra', 'type:testing'] },
    { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:client', 'type:tooling', ...testing] },
    { sourceTag: 'type:client', onlyDependOnLibsWithTags: ['type:contracts', 'type:client'] },
    { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:contracts', 'type:chassis', 'type:infra', 'type:client', ...testing] },
    { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:client', 'type:testing', 'type:tooling'] },
  ];
};
const boundaries = (forTests) => [
  'error',
  { enforceBuildableLibDependency: true, banTransitiveDependencies: true, allow: [], depConstraints: depConstraints(forTests) },
];
const testFiles = ['**/test/**/*.ts', '**/*.spec.ts', 'e2e/**/*.ts'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/src/db/generated', '.nx', '.data', '.scratch', '**/*.config.ts'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(false),
      // `() => {}` is how this code base says "ignore" (e.g. `.catch(() => {})` on best-effort cleanup).
      '@typescript-eslint/no-empty-function': ['error', { allow: ['arrowFunctions', 'asyncFunctions', 'asyncMethods'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: testFiles, rules: { '@nx/enforce-module-boundaries': boundaries(true) } },
  {
    // Domain rules are plain TypeScript: no framework, no database.
    files: ['services/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*'], message: 'Domain code must not depend on NestJS; keep it in plain functions and classes.' },
            { group: ['@prisma/*', '**/db/**', 'pg'], message: 'Domain code must not touch the database; the handler loads and saves.' },
            { group: ['@cabs/mesh', '@cabs/platform'], message: 'Domain code must not depend on the service chassis.' },
          ],
        },
      ],
    },
  },
];
