import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { workspaceRoot } from '@cabs/postgres';

/**
 * The architecture is enforced, not just drawn: these deliberate violations must fail the lint that `npm test` runs.
 */
const eslint = new ESLint({ cwd: workspaceRoot() });
// The Nx rules read the cached project graph and silently skip themselves without one (as on a fresh clone in CI).
beforeAll(() => {
  const nx = createRequire(import.meta.url).resolve('nx/bin/nx.js');
  execFileSync(process.execPath, [nx, 'show', 'projects'], { cwd: workspaceRoot(), stdio: 'ignore' });
});
const problems = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
};

describe('module boundaries', () => {
  it('a service may not import another service, by package name or by path', async () => {
    expect(
      await problems(
        'services/transit/src/commands/sneaky.ts',
        "import { AppModule } from '@cabs/fees';\nexport const x = AppModule;\n",
      ),
    ).toEqual([expect.stringMatching(/enforce-module-boundaries/)]);
    expect(
      await problems(
        'services/transit/src/commands/sneaky.ts',
        "import { x } from '../../../fees/src/domain/driver-fee.js';\nexport const y = x;\n",
      ),
    ).toEqual([expect.stringMatching(/enforce-module-boundaries/)]);
  });

  it('domain code may import neither NestJS nor Prisma nor the chassis', async () => {
    for (const lib of ['@nestjs/common', '@prisma/client', '@cabs/mesh', '@cabs/platform']) {
      expect(
        await problems('services/fees/src/domain/sneaky.ts', `import * as lib from '${lib}';\nexport const x = lib;\n`),
      ).toEqual([expect.stringMatching(/no-restricted-imports: .*must not/)]);
    }
  });

  it('inside a service, domain/ and db/ never import a door (http/, commands/, facts/, reconciler/)', async () => {
    const sneaky = [
      ['services/transit/src/domain/sneaky.ts', '../http/transit.view.js'],
      ['services/drivers/src/db/sneaky.ts', '../commands/register-driver.handler.js'],
      ['services/fees/src/db/sneaky.ts', '../facts/stated-at.js'],
      ['services/transit/src/db/sneaky.ts', '../reconciler/settlement-reconciler.js'],
    ];
    for (const [file, door] of sneaky) {
      expect(await problems(file, `import * as door from '${door}';\nexport const x = door;\n`), file).toEqual([
        expect.stringMatching(/no-restricted-imports: .*is an inner layer: it never imports a door/),
      ]);
    }
    expect(
      await problems(
        'services/transit/src/commands/fine.ts',
        "import * as db from '../db/transits.js';\nexport const x = db;\n",
      ),
    ).toEqual([]);
  });

  it("no import cycle between a project's files", async () => {
    const file = 'services/transit/src/domain/address.ts';
    const cycle = `${readFileSync(join(workspaceRoot(), file), 'utf8')}import { isCompleted } from './transit.js';\nexport const sneaky = isCompleted;\n`;
    expect(await problems(file, cycle)).toEqual([
      expect.stringMatching(/import-x\/no-cycle: Dependency cycle detected/),
    ]);
  });

  it('a shared library may not depend on a service', async () => {
    expect(
      await problems(
        'libs/mesh/src/sneaky.ts',
        "import { AppModule } from '@cabs/invoicing';\nexport const x = AppModule;\n",
      ),
    ).toEqual([expect.stringMatching(/enforce-module-boundaries/)]);
  });

  it('neither a library nor a service may import a tool (tools/ holds programs)', async () => {
    for (const file of ['libs/client/src/sneaky.ts', 'services/transit/src/commands/sneaky.ts']) {
      expect(
        await problems(file, "import { Supervisor } from '@cabs/devstack';\nexport const x = Supervisor;\n"),
        file,
      ).toEqual([expect.stringMatching(/enforce-module-boundaries/)]);
    }
  });

  it('lets the allowed imports through', async () => {
    expect(
      await problems(
        'services/fees/src/commands/fine.ts',
        "import { contracts } from '@cabs/contracts';\nexport const x = contracts;\n",
      ),
    ).toEqual([]);
  });
});

/** Each project declares what it imports, and only that: what an image installs for a service is exactly its `dependencies`. */
describe('declared dependencies', () => {
  const manifest = 'services/fees/package.json';
  const fees = () =>
    JSON.parse(readFileSync(join(workspaceRoot(), manifest), 'utf8')) as { dependencies: Record<string, string> };
  const lintManifest = (pkg: object) => problems(manifest, `${JSON.stringify(pkg, null, 2)}\n`);

  it('as committed, every project passes', async () => {
    expect(await lintManifest(fees())).toEqual([]);
  });

  it('a package the production code imports but the project does not declare fails lint', async () => {
    const pkg = fees();
    delete pkg.dependencies['@nestjs/swagger'];
    expect(await lintManifest(pkg)).toEqual([
      expect.stringMatching(/dependency-checks: .*missing from "dependencies":\s+- @nestjs\/swagger/),
    ]);
  });

  it('a declared dependency nothing imports fails lint', async () => {
    const pkg = fees();
    pkg.dependencies.yaml = '2.9.1';
    expect(await lintManifest(pkg)).toEqual([
      expect.stringMatching(/dependency-checks: The "yaml" package is not used by "fees"/),
    ]);
  });

  it('a test may not import a package its project does not declare either', async () => {
    expect(
      await problems(
        'services/fees/test/sneaky.test.ts',
        "import { parse } from 'tinyduration';\nexport const x = parse;\n",
      ),
    ).toEqual([expect.stringMatching(/enforce-module-boundaries: Only packages defined in the "package.json"/)]);
  });
});
