import { requestJson } from '@cabs/client';
import { devstackEnv } from '../environment.js';
import type { ProcessStatus } from '../supervisor.js';
import type { SystemPorts } from '../system.js';
import { health, healthUrl, type Stack, type StatusTable } from './stack.js';

/** The system `npm start` runs: its supervisor's control server (on localhost) stops and starts processes. */
export class LocalStack implements Stack {
  readonly kind = 'npm start';

  constructor(
    private readonly control: string,
    private readonly ports: SystemPorts,
  ) {}

  async status(): Promise<StatusTable> {
    const processes = await requestJson<ProcessStatus[]>('GET', `${this.control}/processes`);
    const healths = await Promise.all(processes.map((p) => health(healthUrl(this.ports, p.name, 'ready'))));
    return {
      columns: ['process', 'state', 'health', 'pid', 'since', 'url'],
      rows: processes.map((p, i) => ({
        process: p.name,
        state: p.state,
        health: healths[i],
        pid: p.pid ?? '',
        since: p.since.slice(11, 19),
        url: p.url,
      })),
    };
  }

  async stop(name: string, kill: boolean): Promise<void> {
    await requestJson<ProcessStatus>('POST', `${this.control}/processes/${encodeURIComponent(name)}/stop?kill=${kill}`);
  }

  /** The supervisor answers once the process is ready. */
  async start(name: string): Promise<void> {
    await requestJson<ProcessStatus>('POST', `${this.control}/processes/${encodeURIComponent(name)}/start`);
  }

  /** The supervisor passes its environment on, so the token is the one this shell has, if any. */
  async token(): Promise<string | undefined> {
    return devstackEnv().MESH_TOKEN;
  }
}
