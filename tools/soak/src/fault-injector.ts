import type { Supervisor } from '@cabs/devstack';
import { pause } from './pause.js';
import type { RestartablePostgres } from './restartable-postgres.js';

export interface Fault {
  /** Seconds since the injector started. */
  at: number;
  target: string;
  what: 'SIGKILL' | 'restart' | 'crashed by itself';
  /** How long it was down, in seconds (until ready again). */
  downSeconds?: number;
}

export interface FaultOptions {
  /** Processes to SIGKILL, in a shuffled order that visits each before any twice. */
  targets: string[];
  /** Pause between faults: uniform in [min, max] milliseconds. */
  intervalMs: [number, number];
  /** How long a killed process stays down before it is started again: uniform in [0, max] milliseconds. */
  maxDownMs: number;
  /** Restart the PostgreSQL server once, as the first fault after this many milliseconds (omit: never). */
  postgresRestartAfterMs?: number;
  /** Stop by itself after killing every target this many times (and restarting PostgreSQL, if asked); omit: until stopped. */
  rounds?: number;
  random: () => number;
}

/**
 * Chaos: SIGKILLs one process after another at random intervals and starts it again after a random pause (as a
 * container platform would), and restarts the PostgreSQL server once. A process that exits without being killed is
 * recorded as a crash and started again. Sequential: one fault at a time, each healed before the next.
 */
export class FaultInjector {
  readonly faults: Fault[] = [];
  private readonly stopping = new AbortController();
  private loop?: Promise<void>;
  private readonly started = Date.now();
  private postgresRestarted = false;
  private failure?: Error;

  constructor(
    private readonly supervisor: Supervisor,
    private readonly postgres: RestartablePostgres | undefined,
    private readonly options: FaultOptions,
    private readonly log: (line: string) => void,
  ) {}

  start(): void {
    // Kept, not thrown: stop() reports it, after the load has finished.
    this.loop = this.run().catch((err: Error) => {
      this.failure = err;
      this.log(`fault injector stopped: ${err.message}`);
    });
  }

  /**
   * Stops injecting — or, with `rounds`, lets the rounds finish — and resolves once every process runs again;
   * rejects if a process could not be started again.
   */
  async stop(): Promise<void> {
    if (this.options.rounds === undefined) this.stopping.abort();
    await this.loop;
    if (this.failure) throw this.failure;
    await this.healCrashes();
  }

  /** Processes that exited though nobody killed them. */
  crashes(): Fault[] {
    return this.faults.filter((f) => f.what === 'crashed by itself');
  }

  private async run(): Promise<void> {
    let bag: string[] = [];
    let rounds = 0;
    const { random, intervalMs, maxDownMs } = this.options;
    const postgresPending = () =>
      this.postgres !== undefined && this.options.postgresRestartAfterMs !== undefined && !this.postgresRestarted;
    while (!this.stopping.signal.aborted) {
      if (this.options.rounds !== undefined && rounds >= this.options.rounds && !bag.length && !postgresPending())
        break;
      await pause(intervalMs[0] + random() * (intervalMs[1] - intervalMs[0]), this.stopping.signal);
      await this.healCrashes();
      if (this.stopping.signal.aborted) break;
      const downMs = random() * maxDownMs;
      if (postgresPending() && Date.now() - this.started >= (this.options.postgresRestartAfterMs as number)) {
        this.postgresRestarted = true;
        await this.timed('postgres', 'restart', () => this.postgres?.restart(() => pause(downMs)));
        continue;
      }
      if (!bag.length) {
        if (this.options.rounds !== undefined && rounds >= this.options.rounds) continue; // only the PostgreSQL restart is left
        bag = shuffle([...this.options.targets], random);
        rounds++;
      }
      const target = bag.pop() as string;
      await this.timed(target, 'SIGKILL', async () => {
        await this.supervisor.stop(target, { kill: true });
        await pause(downMs);
        await this.supervisor.start(target, { readyTimeoutMs: 120_000 });
      });
    }
  }

  private async healCrashes(): Promise<void> {
    for (const p of this.supervisor.status().filter((s) => s.state === 'exited')) {
      await this.timed(p.name, 'crashed by itself', () => this.supervisor.start(p.name, { readyTimeoutMs: 120_000 }));
    }
  }

  private async timed(target: string, what: Fault['what'], act: () => Promise<unknown> | undefined): Promise<void> {
    const fault: Fault = { at: Math.round((Date.now() - this.started) / 100) / 10, target, what };
    this.faults.push(fault);
    this.log(`fault: ${what} ${target} at ${fault.at} s`);
    const began = Date.now();
    await act();
    fault.downSeconds = Math.round((Date.now() - began) / 100) / 10;
    this.log(`fault: ${target} is back after ${fault.downSeconds} s`);
  }
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
