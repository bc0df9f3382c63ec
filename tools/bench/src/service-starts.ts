import type { BenchSystem } from './bench-system.js';
import { rssMiB } from './process-memory.js';

export interface ServiceStart {
  name: string;
  /** Spawned → readiness 200, the rest of the system running (as `cabs start <service>` does, and Knative from zero). */
  readyMs: number;
  /** VmRSS 3 s after it was ready. */
  idleRssMiB: number | undefined;
}

const IDLE_AFTER_MS = 3000;

/** Each process in turn: stopped (gracefully), started again alone, timed to ready, its memory read once idle. */
export async function startEachAlone(system: BenchSystem, names: readonly string[]): Promise<ServiceStart[]> {
  const starts: ServiceStart[] = [];
  for (const name of names) {
    await system.supervisor.stop(name);
    const started = performance.now();
    await system.supervisor.start(name);
    const readyMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, IDLE_AFTER_MS));
    const pid = system.supervisor.status().find((s) => s.name === name)?.pid;
    starts.push({ name, readyMs, idleRssMiB: pid === undefined ? undefined : await rssMiB(pid) });
  }
  return starts;
}
