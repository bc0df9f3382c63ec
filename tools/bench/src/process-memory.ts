import { readFile } from 'node:fs/promises';
import type { Supervisor } from '@cabs/devstack';

/** Resident set size of a process in MiB, from /proc (Linux); undefined where there is no /proc or no such process. */
export async function rssMiB(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const kB = status?.match(/^VmRSS:\s+(\d+)\s+kB/m)?.[1];
  return kB === undefined ? undefined : Number(kB) / 1024;
}

/** RSS of every running process of the Supervisor, by name. */
export async function systemRss(supervisor: Supervisor): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const { name, pid } of supervisor.status()) {
    const size = pid === undefined ? undefined : await rssMiB(pid);
    if (size !== undefined) sizes.set(name, size);
  }
  return sizes;
}

/** Samples RSS once a second while a load runs and keeps each process's peak. */
export class PeakRss {
  readonly peaks = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private sampling: Promise<void> = Promise.resolve();

  constructor(private readonly supervisor: Supervisor) {
    this.timer = setInterval(() => (this.sampling = this.sample()), 1000);
  }

  private async sample(): Promise<void> {
    for (const [name, size] of await systemRss(this.supervisor))
      this.peaks.set(name, Math.max(size, this.peaks.get(name) ?? 0));
  }

  async stop(): Promise<Map<string, number>> {
    clearInterval(this.timer);
    await this.sampling;
    await this.sample();
    return this.peaks;
  }
}
