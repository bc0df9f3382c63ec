import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaceRoot } from '@cabs/postgres';

const root = workspaceRoot();
const line = Number(readFileSync(join(root, '.node-version'), 'utf8').trim());
const engines = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines
  .node;
const [major, minor] = process.versions.node.split('.').map(Number);

/**
 * The tests run on the project's Node line, whatever Node the machine has (tools/node/ensure.sh brings it): so do
 * the processes they start, whether by `process.execPath` or, like docker/entrypoint.sh and npm scripts, by name.
 */
describe(`the Node.js runtime (${process.version})`, () => {
  it(`is .node-version's line, Node ${line}, or newer`, () => {
    expect(line).toBeGreaterThanOrEqual(24);
    expect(major, process.version).toBeGreaterThanOrEqual(line);
  });

  it('satisfies the `engines` range of package.json', () => {
    const [, least] = /^>=(\d+\.\d+)$/.exec(engines) ?? [];
    expect(least, `engines.node is "${engines}"`).toBeDefined();
    const [leastMajor, leastMinor] = least.split('.').map(Number);
    expect(
      major > leastMajor || (major === leastMajor && minor >= leastMinor),
      `${process.version} against ${engines}`,
    ).toBe(true);
  });

  it('is the `node` a child process finds on PATH by name', () => {
    expect(execFileSync('node', ['--version'], { encoding: 'utf8' }).trim()).toBe(process.version);
  });
});
