import type { SystemPorts } from '../system.js';
import { bad, ok, warn } from './format.js';

/** What `cabs status` shows: one row per process, under `columns`. */
export interface StatusTable {
  columns: string[];
  rows: Record<string, unknown>[];
}

/**
 * The running system, however it was started: `npm start` (local-stack.ts) or docker compose (compose-stack.ts).
 * The CLI's commands work alike on both.
 */
export interface Stack {
  readonly kind: 'npm start' | 'docker compose';
  status(): Promise<StatusTable>;
  stop(name: string, kill: boolean): Promise<void>;
  /** Resolves once the process answers its readiness check. */
  start(name: string): Promise<void>;
  /** The mesh token to present to the broker, when the system has one. */
  token(): Promise<string | undefined>;
}

/** Where a process answers its health checks: the broker on its admin port, the others on their own. */
export function healthUrl(ports: SystemPorts, name: string, check: 'live' | 'ready'): string {
  const port = name === 'broker' ? ports.brokerAdmin : ports[name as keyof SystemPorts];
  return `http://127.0.0.1:${port}/health/${check}`;
}

/** Whether anything answers HTTP at `url`, whatever the status. */
export async function answers(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(1500) }).then(
    async (r) => (await r.body?.cancel(), true),
    () => false,
  );
}

/** `healthy`, `unhealthy (503)` or `down`, coloured. */
export async function health(url: string): Promise<string> {
  return fetch(url, { signal: AbortSignal.timeout(1500) }).then(
    async (r) => {
      await r.body?.cancel();
      return r.ok ? ok('healthy') : warn(`unhealthy (${r.status})`);
    },
    () => bad('down'),
  );
}
