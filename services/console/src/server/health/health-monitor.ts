import type { HealthState, ServiceHealth } from '../../shared/console-api.js';

export interface HealthTarget {
  name: string;
  /** Readiness endpoint: 200 means ready. */
  url: string;
}

type Listener = (health: ServiceHealth[]) => void;

/**
 * Asks every service (and the broker) whether it is ready, every `intervalMs`, and tells its listeners after
 * each round: a stopped service shows as down within one interval.
 */
export class HealthMonitor {
  private current: ServiceHealth[];
  private readonly listeners = new Set<Listener>();
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;
  private running = false;

  constructor(
    private readonly targets: HealthTarget[],
    private readonly intervalMs: number,
  ) {
    const since = new Date().toISOString();
    this.current = targets.map((t) => ({ name: t.name, url: t.url, state: 'down', detail: 'not asked yet', since }));
  }

  snapshot(): ServiceHealth[] {
    return this.current;
  }

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Asks at once, then every interval until `stop`; may be started again after. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const tick = () => {
      this.round = this.check().then(() => {
        if (this.running) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.round;
  }

  /** One round: every target asked at once. */
  async check(): Promise<ServiceHealth[]> {
    const timeoutMs = Math.min(1000, this.intervalMs);
    const answers = await Promise.all(this.targets.map((t) => probe(t.url, timeoutMs)));
    const now = new Date().toISOString();
    this.current = this.targets.map((t, i) => {
      const before = this.current[i];
      const { state, detail } = answers[i];
      return { name: t.name, url: t.url, state, detail, since: before.state === state ? before.since : now };
    });
    for (const listener of this.listeners) listener(this.current);
    return this.current;
  }
}

async function probe(url: string, timeoutMs: number): Promise<{ state: HealthState; detail: string }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (response.ok) return { state: 'up', detail: 'ready' };
    const body = (await response.json().catch(() => undefined)) as { problem?: string; message?: string } | undefined;
    return {
      state: 'not-ready',
      detail: `${response.status}${body?.problem || body?.message ? `: ${body.problem ?? body.message}` : ''}`,
    };
  } catch (err) {
    const code = (err as { cause?: { code?: string } }).cause?.code;
    if (code === 'ECONNREFUSED') return { state: 'down', detail: 'connection refused' };
    if ((err as Error).name === 'TimeoutError') return { state: 'down', detail: `no answer in ${timeoutMs} ms` };
    return { state: 'down', detail: (err as Error).message };
  }
}
