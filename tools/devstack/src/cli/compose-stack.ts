import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { workspaceRoot } from '@cabs/postgres';
import { devstackEnv } from '../environment.js';
import { processUrl, SYSTEM_PROCESSES, type SystemPorts } from '../system.js';
import { health, healthUrl, type Stack, type StatusTable } from './stack.js';

const run = promisify(execFile);

/** `docker compose -f <this repository>/docker-compose.yml <args>`: its standard output. */
export type DockerCompose = (args: string[]) => Promise<string>;

/** Where docker-compose.yml keeps the generated mesh token (a volume every Node container mounts). */
const TOKEN_FILE = '/var/lib/cabs/mesh-token';

/** Docker's CLI, when it is on PATH; undefined when it is not. */
export function dockerCompose(): DockerCompose | undefined {
  const onPath = (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, 'docker'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!onPath) return undefined;
  const file = join(workspaceRoot(), 'docker-compose.yml');
  return async (args) => (await run('docker', ['compose', '-f', file, ...args], { timeout: 120_000 })).stdout;
}

/** A container as `docker compose ps --format json` lists it (one object per line, or one array: both exist). */
interface Container {
  Service: string;
  State: string;
}

/**
 * The system docker compose runs, on the same published ports as `npm start`'s. Health comes from the processes
 * themselves; stopping and starting, container states and the generated mesh token from `docker compose`, when
 * docker is on PATH. Without it, the CLI says which compose command to run instead.
 */
export class ComposeStack implements Stack {
  readonly kind = 'docker compose';
  private tokenRead?: Promise<string | undefined>;

  constructor(
    private readonly ports: SystemPorts,
    private readonly compose: DockerCompose | undefined,
  ) {}

  async status(): Promise<StatusTable> {
    const [containers, healths] = await Promise.all([
      this.containers(),
      Promise.all(SYSTEM_PROCESSES.map((name) => health(healthUrl(this.ports, name, 'ready')))),
    ]);
    return {
      columns: ['service', 'container', 'health', 'url'],
      rows: SYSTEM_PROCESSES.map((name, i) => ({
        service: name,
        container: containers.get(name) ?? '',
        health: healths[i],
        url: processUrl(name, this.ports),
      })),
    };
  }

  async stop(name: string, kill: boolean): Promise<void> {
    await this.docker([kill ? 'kill' : 'stop', name]);
  }

  async start(name: string): Promise<void> {
    await this.docker(['start', name]);
    const url = healthUrl(this.ports, name, 'ready');
    // As compose's own health check: up to its start period (60 s) and a little more.
    const deadline = Date.now() + 90_000;
    while (
      !(await fetch(url, { signal: AbortSignal.timeout(1500) }).then(
        (r) => (void r.body?.cancel(), r.ok),
        () => false,
      ))
    ) {
      if (Date.now() > deadline)
        throw new Error(
          `${name} was started but is not ready after 90 s (${url}); see \`docker compose logs ${name}\``,
        );
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** MESH_TOKEN when this shell has it; otherwise the one the broker generated on compose's first start. */
  async token(): Promise<string | undefined> {
    const own = devstackEnv().MESH_TOKEN;
    if (own) return own;
    this.tokenRead ??= this.readToken();
    return this.tokenRead;
  }

  private async readToken(): Promise<string | undefined> {
    if (!this.compose) return undefined;
    // Any running container that mounts the token will do: the broker may be the one that is down.
    for (const service of SYSTEM_PROCESSES) {
      const token = await this.compose(['exec', '-T', service, 'cat', TOKEN_FILE]).then(
        (out) => out.trim(),
        () => '',
      );
      if (token) return token;
    }
    return undefined;
  }

  private async containers(): Promise<Map<string, string>> {
    if (!this.compose) return new Map();
    const out = await this.compose(['ps', '--all', '--format', 'json']).catch(() => '');
    const parsed = out.trim().startsWith('[')
      ? (JSON.parse(out) as Container[])
      : out
          .split('\n')
          .filter((l) => l.trim())
          .map((l) => JSON.parse(l) as Container);
    return new Map(parsed.map((c) => [c.Service, c.State]));
  }

  private async docker(args: string[]): Promise<void> {
    if (!this.compose) {
      throw new Error(
        `the system runs in docker compose, and docker is not on this machine's PATH: run \`docker compose ${args.join(' ')}\` where it is`,
      );
    }
    await this.compose(args);
  }
}
