// Architecture as lint rules: the Nx tags on each project say what may import what.
import nx from '@nx/eslint-plugin';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import jsoncParser from 'jsonc-eslint-parser';

const services = ['broker', 'transit', 'drivers', 'fees', 'invoicing', 'notifications', 'console'];

/** Who may import whom. Tests may additionally use the testing toolkit. */
const depConstraints = (forTests) => {
  const testing = forTests ? ['type:testing'] : [];
  return [
    // A service sees only its own scope and shared code: never another service.
    ...services.map((s) => ({ sourceTag: `scope:${s}`, onlyDependOnLibsWithTags: [`scope:${s}`, 'scope:shared'] })),
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    // The programs under tools/ (npm start, the cabs CLI, the bench, the soak) use libraries and each other; nothing
    // imports a tool but another tool or a test.
    { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared', 'scope:tools'] },
    { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts', ...testing] },
    { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:infra', ...testing] },
    {
      sourceTag: 'type:chassis',
      onlyDependOnLibsWithTags: ['type:contracts', 'type:chassis', 'type:infra', ...testing],
    },
    {
      sourceTag: 'type:testing',
      onlyDependOnLibsWithTags: ['type:contracts', 'type:chassis', 'type:infra', 'type:testing'],
    },
    {
      sourceTag: 'type:tooling',
      onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:client', 'type:tooling', ...testing],
    },
    { sourceTag: 'type:client', onlyDependOnLibsWithTags: ['type:contracts', 'type:client'] },
    {
      sourceTag: 'type:service',
      onlyDependOnLibsWithTags: ['type:contracts', 'type:chassis', 'type:infra', 'type:client', ...testing],
    },
    {
      sourceTag: 'type:e2e',
      onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:client', 'type:testing', 'type:tooling'],
    },
  ];
};
const boundaries = (forTests) => [
  'error',
  {
    enforceBuildableLibDependency: true,
    banTransitiveDependencies: true,
    allow: [],
    depConstraints: depConstraints(forTests),
  },
];
const testFiles = ['**/test/**/*.ts', '**/*.spec.ts', 'e2e/**/*.ts'];

/**
 * A service's layers, inside out: `domain/` (the rules), `db/` (loading and saving), then the doors a write or a
 * question comes in by — `commands/` and `facts/` (the mesh's events, the use cases), `http/` (REST), `reconciler/`.
 * The inner layers never import a door.
 */
const innerLayer = (layer) => ({
  group: ['**/http/**', '**/commands/**', '**/facts/**', '**/reconciler/**'],
  message: `${layer} is an inner layer: it never imports a door (http/, commands/, facts/, reconciler/); the door imports it.`,
});

/** `@nx/dependency-checks`: the production files of a project (its build's inputs, minus `ignoredFiles`) against its `dependencies`. */
const dependencyChecks = (ignoredFiles = []) => ({
  ignoredFiles,
  // Loaded by name rather than imported, so invisible to the import graph: pino-pretty (a pino transport target),
  // prisma (the CLI: db:migrate, @cabs/postgres), @prisma/client (imported by the generated, git-ignored client).
  ignoredDependencies: ['pino-pretty', 'prisma', '@prisma/client'],
});

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/src/db/generated', '.nx', '.data', '.scratch', '**/*.config.ts'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(false),
      // `() => {}` is how this code base says "ignore" (e.g. `.catch(() => {})` on best-effort cleanup).
      '@typescript-eslint/no-empty-function': [
        'error',
        { allow: ['arrowFunctions', 'asyncFunctions', 'asyncMethods'] },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: testFiles, rules: { '@nx/enforce-module-boundaries': boundaries(true) } },
  {
    // Each project's package.json declares exactly what its code imports: a missing or unused dependency fails lint,
    // and so an image, which installs one service's production dependencies only, lacks nothing and carries nothing
    // extra. Test code's tools (vitest, supertest, fast-check) are the workspace's, in the root package.json.
    files: ['**/package.json'],
    languageOptions: { parser: jsoncParser },
    rules: { '@nx/dependency-checks': ['error', dependencyChecks()] },
  },
  {
    // Built into the image but never run there, so its imports are development dependencies: the console's web
    // front end (bundled by Vite into dist/web).
    files: ['services/console/package.json'],
    rules: {
      '@nx/dependency-checks': [
        'error',
        dependencyChecks(['{projectRoot}/src/web/**/*', '{projectRoot}/vite.config.ts']),
      ],
    },
  },
  {
    // Domain rules are plain TypeScript: no framework, no database, no door.
    files: ['services/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*'],
              message: 'Domain code must not depend on NestJS; keep it in plain functions and classes.',
            },
            {
              group: ['@prisma/*', '**/db/**', 'pg'],
              message: 'Domain code must not touch the database; the handler loads and saves.',
            },
            { group: ['@cabs/mesh', '@cabs/platform'], message: 'Domain code must not depend on the service chassis.' },
            innerLayer('domain/'),
          ],
        },
      ],
    },
  },
  {
    files: ['services/*/src/db/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [innerLayer('db/')] }] },
  },
  {
    // No import cycles between a project's files: the layers above keep the graph a hierarchy, this the rest of it.
    files: ['services/*/src/**/*.ts', 'libs/*/src/**/*.ts', 'tools/*/src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
];
