import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@cabs/postgres';

const root = workspaceRoot();

/** One instruction of a Dockerfile, continuation lines joined and comments dropped. */
export interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's stages, each a list of instructions, the last one being the image that runs. */
export function dockerfileStages(text = readFileSync(join(root, 'Dockerfile'), 'utf8')): Instruction[][] {
  const stages: Instruction[][] = [];
  const joined = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ');
  for (const line of joined
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') stages.push([]);
    stages.at(-1)?.push({ keyword: keyword.toUpperCase(), args });
  }
  return stages;
}

/**
 * Whether a path is sent to `docker build` under the .dockerignore rules: globs with `*`, `**` and `?`, a pattern
 * also excluding everything below a matching folder, later `!` patterns re-including.
 */
export function inBuildContext(path: string, patterns = dockerignorePatterns()): boolean {
  let included = true;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const pattern = (negated ? raw.slice(1) : raw).replace(/^\/+|\/+$/g, '');
    const regex = new RegExp(
      `^${pattern
        .split(/(\*\*\/?|\*|\?)/)
        .map((part) =>
          part === '**/'
            ? '(?:.*/)?'
            : part === '**'
              ? '.*'
              : part === '*'
                ? '[^/]*'
                : part === '?'
                  ? '[^/]'
                  : part.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
        )
        .join('')}(?:/.*)?$`,
    );
    if (regex.test(path)) included = negated;
  }
  return included;
}

function dockerignorePatterns(): string[] {
  return readFileSync(join(root, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** Files git tracks: what a fresh clone (CI, a presenter's laptop) builds from. */
export function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
}

/**
 * The runtime stage's /app, on this machine, made the way the Dockerfile's build stage makes it:
 * docker/assemble-image.mjs lays out the service, docker/production-dependencies.sh installs its production
 * dependencies alone (from the npm cache the workspace's own install filled), whose @cabs links point inside the copy.
 */
export function assembleImage(service: string, into: string): void {
  execFileSync(process.execPath, [join(root, 'docker/assemble-image.mjs'), service, into], { stdio: 'pipe' });
  const production = `${into}-production`;
  execFileSync('sh', [join(root, 'docker/production-dependencies.sh'), service, production], { stdio: 'pipe' });
  renameSync(join(production, 'node_modules'), join(into, 'node_modules'));
  rmSync(production, { recursive: true, force: true });
}

/** Runs docker/entrypoint.sh of an assembled image in the service's folder (the image's WORKDIR). */
export function runEntrypoint(
  app: string,
  service: string,
  args: string[],
  env: Record<string, string>,
): ChildProcess & { output: string[] } {
  const child = spawn(join(app, 'docker/entrypoint.sh'), args, {
    cwd: join(app, 'services', service),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as ChildProcess & { output: string[] };
  child.output = [];
  for (const stream of [child.stdout, child.stderr])
    stream?.on('data', (d: Buffer) => child.output.push(...d.toString('utf8').split('\n').filter(Boolean)));
  return child;
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve(child.exitCode)
      : child.once('exit', (code) => resolve(code)),
  );
}

/** How a process ended: `code <n>` or the signal's name. */
export async function ended(child: ChildProcess): Promise<string> {
  await exited(child);
  return child.signalCode ?? `code ${child.exitCode}`;
}
