import { readdir, readFile } from 'node:fs/promises';
import type { Supervisor } from '@cabs/devstack';

/** Linux reports CPU time in clock ticks of USER_HZ, which is 100 on every mainstream architecture. */
const TICKS_PER_SECOND = 100;

interface Stat {
  ppid: number;
  /** utime + stime: the process's own CPU seconds. */
  own: number;
  /** cutime + cstime: CPU seconds of children it has waited for (PostgreSQL backends that have exited). */
  reaped: number;
}

async function stat(pid: number): Promise<Stat | undefined> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (!text) return undefined;
  // The command name (field 2) may contain spaces; the fields after its closing parenthesis do not.
  const fields = text
    .slice(text.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  const [ppid, utime, stime, cutime, cstime] = [fields[1], fields[11], fields[12], fields[13], fields[14]];
  return { ppid, own: (utime + stime) / TICKS_PER_SECOND, reaped: (cutime + cstime) / TICKS_PER_SECOND };
}

/** The postmaster of the cluster in `dataDir`: the process whose command line names it. */
async function postmaster(dataDir: string): Promise<number | undefined> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const args = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (/(^|\/)postgres\0/.test(args) && args.split('\0').includes(dataDir)) return Number(entry);
  }
  return undefined;
}

/** PostgreSQL's CPU seconds: the postmaster, its live backends, and the backends it has reaped. */
async function postgresSeconds(pid: number): Promise<number> {
  let total = 0;
  for (const entry of (await readdir('/proc')).filter((e) => /^\d+$/.test(e))) {
    const s = await stat(Number(entry));
    if (!s) continue;
    if (Number(entry) === pid) total += s.own + s.reaped;
    else if (s.ppid === pid) total += s.own;
  }
  return total;
}

/** CPU seconds used so far by the PostgreSQL cluster in `dataDir` (undefined when it is not found on this machine). */
export async function clusterCpuSeconds(dataDir: string | undefined): Promise<number | undefined> {
  const pid = dataDir ? await postmaster(dataDir) : undefined;
  return pid === undefined ? undefined : postgresSeconds(pid);
}

export type CpuSeconds = Map<string, number>;

/**
 * CPU seconds used so far by each process of the system, by PostgreSQL (when it is the bench's embedded server,
 * whose data directory identifies it among other clusters on the machine) and by the bench itself (the riders).
 */
export class CpuMeter {
  private constructor(
    private readonly supervisor: Supervisor,
    private readonly postgresPid: number | undefined,
  ) {}

  static async create(supervisor: Supervisor, postgresDataDir: string | undefined): Promise<CpuMeter> {
    return new CpuMeter(supervisor, postgresDataDir ? await postmaster(postgresDataDir) : undefined);
  }

  async read(): Promise<CpuSeconds> {
    const seconds: CpuSeconds = new Map();
    for (const { name, pid } of this.supervisor.status()) {
      const s = pid === undefined ? undefined : await stat(pid);
      if (s) seconds.set(name, s.own);
    }
    if (this.postgresPid !== undefined) seconds.set('PostgreSQL', await postgresSeconds(this.postgresPid));
    const usage = process.cpuUsage();
    seconds.set('bench (riders, load generator)', (usage.user + usage.system) / 1e6);
    return seconds;
  }
}

/** What each process used between two readings. */
export function cpuUsedBetween(before: CpuSeconds, after: CpuSeconds): CpuSeconds {
  return new Map([...after].map(([name, s]) => [name, s - (before.get(name) ?? s)]));
}
