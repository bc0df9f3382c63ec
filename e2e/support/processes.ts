import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { workspaceRoot } from '@cabs/postgres';
import { waitFor } from '@cabs/testing';

/** A long-running command (`npm start`'s script, `cabs ride`) whose output a test reads as it comes. */
export class RunningCommand {
  output = '';
  exitCode: number | null | undefined;
  private readonly exited: Promise<void>;

  constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (d) => (this.output += d));
    child.stderr?.on('data', (d) => (this.output += d));
    this.exited = new Promise((resolve) => child.once('exit', (code) => ((this.exitCode = code), resolve())));
  }

  waitForOutput(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    return waitFor(
      `output matching ${pattern}`,
      () => {
        const match = this.output.match(pattern);
        if (match) return match;
        if (this.exitCode !== undefined)
          throw new Error(`the command exited (${this.exitCode}) first:\n${this.output}`);
        return undefined;
      },
      { timeoutMs, intervalMs: 50 },
    );
  }

  async finished(): Promise<number | null | undefined> {
    await this.exited;
    return this.exitCode;
  }

  /** Ctrl-C, as a person would press it; waits for the process to end. */
  async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<number | null | undefined> {
    if (this.exitCode === undefined) this.child.kill(signal);
    return this.finished();
  }
}

/** Runs a built devstack entry point (`start.js`, `cli/main.js`) as its own process, as `npm start` / `npm run cabs` do. */
export function devstack(script: string, args: string[], env: Record<string, string>): RunningCommand {
  const root = workspaceRoot();
  // Plain text to parse: NO_COLOR, and no FORCE_COLOR at all (set, even empty, it would win over NO_COLOR).
  const { FORCE_COLOR: _force, ...inherited } = process.env;
  return new RunningCommand(
    spawn(process.execPath, [join(root, 'tools/devstack/dist', script), ...args], {
      cwd: root,
      env: { ...inherited, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/** `npm run cabs -- <args>` to completion: its exit code and everything it printed. */
export async function cabs(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null | undefined; output: string }> {
  const command = devstack('cli/main.js', args, env);
  const code = await command.finished();
  return { code, output: command.output };
}
