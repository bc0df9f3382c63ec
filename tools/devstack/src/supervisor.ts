import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ProcessSpec } from './system.js';
import { colourEnvironment, paint } from './terminal.js';

export type ProcessState = 'starting' | 'ready' | 'stopping' | 'stopped' | 'exited';

export interface ProcessStatus {
  name: string;
  state: ProcessState;
  pid?: number;
  url: string;
  exitCode?: number | null;
  signal?: string | null;
  since: string;
}

/** Each process's log prefix in a colour of its own (where colours are shown: see terminal.ts). */
const COLOURS = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'redBright', 'cyanBright', 'magentaBright'] as const;
const colour = (i: number, text: string) => paint(COLOURS[i % COLOURS.length])(text);

interface Managed {
  spec: ProcessSpec;
  index: number;
  child?: ChildProcess;
  state: ProcessState;
  since: Date;
  exitCode?: number | null;
  signal?: string | null;
  exited?: Promise<void>;
}

/**
 * Runs the system's processes side by side, each line of output prefixed with its name in its own colour.
 * A process that dies stays down (so a workshop can kill one and watch the mesh retry) until `start` is called.
 */
export class Supervisor {
  private readonly processes = new Map<string, Managed>();
  private readonly width: number;

  constructor(
    specs: ProcessSpec[],
    private readonly output: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {
    specs.forEach((spec, index) => this.processes.set(spec.name, { spec, index, state: 'stopped', since: new Date() }));
    this.width = Math.max(...specs.map((s) => s.name.length));
  }

  names(): string[] {
    return [...this.processes.keys()];
  }

  spec(name: string): ProcessSpec {
    return this.get(name).spec;
  }

  status(): ProcessStatus[] {
    return [...this.processes.values()].map((p) => ({
      name: p.spec.name,
      state: p.state,
      pid: p.child?.pid,
      url: p.spec.url,
      exitCode: p.exitCode,
      signal: p.signal,
      since: p.since.toISOString(),
    }));
  }

  /** Starts the process (no-op if it runs) and resolves once its readiness URL answers 200. */
  async start(name: string, { readyTimeoutMs = 60_000 } = {}): Promise<void> {
    const p = this.get(name);
    if (p.child && (p.state === 'starting' || p.state === 'ready')) return this.waitReady(p, readyTimeoutMs);
    const child = spawn(process.execPath, p.spec.args, {
      cwd: p.spec.dir,
      env: colourEnvironment({ ...process.env, ...p.spec.env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.setState(p, 'starting');
    p.child = child;
    p.exitCode = undefined;
    p.signal = undefined;
    const prefix = colour(p.index, `${p.spec.name.padEnd(this.width)} │`);
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => this.output(`${prefix} ${line}`));
    }
    p.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        p.exitCode = code;
        p.signal = signal;
        p.child = undefined;
        this.setState(p, p.state === 'stopping' ? 'stopped' : 'exited');
        if (p.state === 'exited')
          this.output(
            `${prefix} exited (${signal ?? `code ${code}`}); \`npm run cabs -- start ${p.spec.name}\` starts it again`,
          );
        resolve();
      }),
    );
    await this.waitReady(p, readyTimeoutMs);
  }

  /** Every process, as `npm start` orders them: the broker first (the services publish to it from their first second), then the rest together. */
  async startAll(): Promise<void> {
    await this.start('broker');
    await Promise.all(
      this.names()
        .filter((n) => n !== 'broker')
        .map((n) => this.start(n)),
    );
  }

  /** SIGTERM (graceful: finish in-flight work), SIGKILL after `graceMs`; or straight SIGKILL with `kill`. */
  async stop(name: string, { kill = false, graceMs = 10_000 } = {}): Promise<void> {
    const p = this.get(name);
    if (!p.child) return;
    this.setState(p, 'stopping');
    p.child.kill(kill ? 'SIGKILL' : 'SIGTERM');
    const timer = setTimeout(() => p.child?.kill('SIGKILL'), graceMs);
    await p.exited;
    clearTimeout(timer);
  }

  async stopAll(): Promise<void> {
    await Promise.all(
      this.names()
        .reverse()
        .map((n) => this.stop(n)),
    );
  }

  private async waitReady(p: Managed, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!p.child) throw new Error(`${p.spec.name} exited before it was ready (${p.signal ?? `code ${p.exitCode}`})`);
      const ok = await fetch(p.spec.readyUrl, { signal: AbortSignal.timeout(1000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) {
        this.setState(p, 'ready');
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${p.spec.name} was not ready after ${timeoutMs / 1000} s (${p.spec.readyUrl})`);
  }

  private setState(p: Managed, state: ProcessState) {
    p.state = state;
    p.since = new Date();
  }

  private get(name: string): Managed {
    const p = this.processes.get(name);
    if (!p) throw new UnknownProcess(name, this.names());
    return p;
  }
}

export class UnknownProcess extends Error {
  constructor(name: string, known: string[]) {
    super(`There is no process called '${name}'; the system runs: ${known.join(', ')}`);
  }
}
