import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { workspaceRoot } from '@cabs/postgres';
import { brokenLinks } from './support/doc-links.js';

/** Which of `paths` git ignores (`git check-ignore` exits 1 when none is). */
function gitIgnored(root: string, paths: string[]): string[] {
  if (!paths.length) return [];
  try {
    return execFileSync('git', ['check-ignore', ...paths], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * Docs say where to read on: every link in docs/ and the READMEs, and every repository path a comment names, is a
 * file of this repository (the design notes a reader needs live in docs/, not elsewhere).
 */
describe('links to files', () => {
  const root = workspaceRoot();

  it('resolve everywhere: Markdown links, and repository paths in docs and code comments', () => {
    // Committed files and new ones not ignored: what a fresh clone has, plus what is about to be committed.
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((file) => file && !file.startsWith('package-lock'));
    expect(files.length).toBeGreaterThan(100);
    const broken = brokenLinks(root, files, (file) => readFileSync(join(root, file), 'utf8'));
    // A path the repository ignores on purpose is one the reader creates (a secret, say), not a broken link.
    const ignored = new Set(
      gitIgnored(
        root,
        broken.map(({ target }) => target),
      ),
    );
    expect(
      broken
        .filter(({ target }) => !ignored.has(target))
        .map(({ file, line, target }) => `${file}:${line} → ${target}`),
    ).toEqual([]);
  });

  describe('the check itself', () => {
    const sandbox = mkdtempSync(join(tmpdir(), 'cabs-doc-links-'));
    afterAll(() => rmSync(sandbox, { recursive: true, force: true }));
    mkdirSync(join(sandbox, 'docs/decisions'), { recursive: true });
    mkdirSync(join(sandbox, 'services/fees/src'), { recursive: true });
    const write = (file: string, text: string) => writeFileSync(join(sandbox, file), text);
    write('docs/architecture.md', '# Map\n');
    write('docs/decisions/0001-layout.md', '# 0001\n');
    const check = (files: Record<string, string>) => {
      for (const [file, text] of Object.entries(files)) write(file, text);
      const all = [...Object.keys(files), 'docs/architecture.md', 'docs/decisions/0001-layout.md'];
      return brokenLinks(sandbox, all, (file) => readFileSync(join(sandbox, file), 'utf8'));
    };

    it('finds a Markdown link or a comment naming a file that is not there, with where it is', () => {
      expect(
        check({
          'README.md':
            'See [the map](docs/architecture.md), [why](docs/decisions/0001-layout.md#context) and [rules](docs/domain.md).\n',
          'docs/decisions/0002-x.md':
            'As [0001](0001-layout.md) says; see [knative](../knative.md) and docs/contract.md.\n',
          'services/fees/src/fee.ts':
            "// The examples of docs/domain.md, and knative.md.\nconst url = 'docs/not-a-comment.md';\n/** (docs/architecture.md, architecture.md) */\n",
          'docker-compose.yml': 'services: # ports: docs/ports.md\n  a: { image: docs/x.md }\n',
        }),
      ).toEqual([
        { file: 'README.md', line: 1, target: 'docs/domain.md' },
        { file: 'docs/decisions/0002-x.md', line: 1, target: '../knative.md' },
        { file: 'docs/decisions/0002-x.md', line: 1, target: 'docs/contract.md' },
        { file: 'services/fees/src/fee.ts', line: 1, target: 'docs/domain.md' },
        { file: 'services/fees/src/fee.ts', line: 1, target: 'knative.md' },
        { file: 'docker-compose.yml', line: 1, target: 'docs/ports.md' },
      ]);
    });

    it('leaves web addresses, anchors and files that exist alone', () => {
      expect(
        check({
          'docs/ok.md':
            '[web](https://knative.dev/docs/x.md) [here](#top) [map](architecture.md) ![png](architecture.md)\n',
        }),
      ).toEqual([]);
    });

    it('takes build output as there when its source is', () => {
      write('services/fees/src/main.ts', '');
      expect(
        check({ 'docs/run.md': 'Run `node services/fees/dist/main.js`, not services/fees/dist/gone.js.\n' }),
      ).toEqual([{ file: 'docs/run.md', line: 1, target: 'services/fees/dist/gone.js' }]);
    });
  });
});
