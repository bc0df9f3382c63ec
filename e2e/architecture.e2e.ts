import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { workspaceRoot } from '@cabs/postgres';

/**
 * The architecture is enforced, not just drawn: these deliberate violations must fail the lint that `npm test` runs.
 */
describe('module boundaries', () => {
  const eslint = new ESLint({ cwd: workspaceRoot() });
  // The Nx rule reads the cached project graph and silently skips itself without one (as on a fresh clone in CI).
  beforeAll(() => {
    const nx = createRequire(import.meta.url).resolve('nx/bin/nx.js');
    execFileSync(process.execPath, [nx, 'show', 'projects'], { cwd: workspaceRoot(), stdio: 'ignore' });
  });
  const problems = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
  };

  it('a service may not import another service, by package name or by path', async () => {
    expect(await problems('services/transit/src/commands/sneaky.ts', "import { AppModule } from '@cabs/fees';\nexport const x = AppModule;\n")).toEqual([
      expect.stringMatching(/enforce-module-boundaries/),
    ]);
    expect(await problems('services/transit/src/commands/sneaky.ts', "import { x } from '../../../fees/src/domain/driver-fee.js';\nexport const y = x;\n")).toEqual([
      expect.stringMatching(/enforce-module-boundaries/),
    ]);
  });

  it('domain code may import neither NestJS nor Prisma nor the chassis', async () => {
    for (const lib of ['@nestjs/common', '@prisma/client', '@cabs/mesh', '@cabs/platform']) {
      expect(await problems('services/fees/src/domain/sneaky.ts', `import * as lib from '${lib}';\nexport const x = lib;\n`)).toEqual([
        expect.stringMatching(/no-restricted-imports: .*must not/),
      ]);
    }
  });

  it('a shared library may not depend on a service', async () => {
    expect(await problems('libs/mesh/src/sneaky.ts', "import { AppModule } from '@cabs/invoicing';\nexport const x = AppModule;\n")).toEqual([
      expect.stringMatching(/enforce-module-boundaries/),
    ]);
  });

  it('lets the allowed imports through', async () => {
    expect(await problems('services/fees/src/commands/fine.ts', "import { contracts } from '@cabs/contracts';\nexport const x = contracts;\n")).toEqual([]);
  });
});
