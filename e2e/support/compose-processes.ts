import { join, resolve } from 'node:path';
import type { ProcessSpec } from '@cabs/devstack';
import { workspaceRoot } from '@cabs/postgres';
import { environmentOf, mountsOf, type ComposeFile } from './compose-file.js';

/** How the compose network maps onto one machine. Only addresses and paths change; everything else is as written. */
export interface LocalMapping {
  /** The local port standing in for `<service>:<containerPort>`. */
  port(service: string, containerPort: number): number;
  /** The URL of database `name` (e.g. `cabs_transit`) on a local server. */
  database(name: string): string;
  /** The local folder standing in for a named volume. */
  volume(name: string): string;
}

/**
 * A compose service as a local process spec: the same command (run in the image's working directory,
 * services/<SERVICE>) and the same environment, with host names, published ports, database URLs and mounted
 * paths rewritten through `mapping`.
 */
export function localProcessSpec(compose: ComposeFile, name: string, mapping: LocalMapping): ProcessSpec {
  const service = compose.services[name];
  const folder = service.build?.args?.SERVICE;
  if (!folder) throw new Error(`compose service ${name} is not built from this repository (no build.args.SERVICE)`);
  const [program, ...args] = service.command ?? [];
  if (program !== 'node')
    throw new Error(`compose service ${name} must run node (command: ${JSON.stringify(service.command)})`);

  const root = workspaceRoot();
  const mounts = mountsOf(service).map((m) => ({
    ...m,
    local: m.bind ? resolve(root, m.source) : mapping.volume(m.source),
  }));
  const hosts = new Set(Object.keys(compose.services));
  const rewrite = (key: string, value: string): string => {
    if (key === 'PORT' || key === 'ADMIN_PORT') return String(mapping.port(name, Number(value)));
    const mount = mounts.find((m) => value === m.target || value.startsWith(`${m.target}/`));
    if (mount) return mount.local + value.slice(mount.target.length);
    return value
      .replace(
        /postgres(?:ql)?:\/\/[^@\s]+@([a-z0-9-]+)(?::\d+)?\/([A-Za-z0-9_]+)/g,
        (url, host: string, database: string) => (hosts.has(host) ? mapping.database(database) : url),
      )
      .replace(/\bhttps?:\/\/([a-z0-9-]+):(\d+)/g, (url, host: string, port: string) =>
        hosts.has(host) ? `http://127.0.0.1:${mapping.port(host, Number(port))}` : url,
      );
  };
  const env = Object.fromEntries(Object.entries(environmentOf(service)).map(([k, v]) => [k, rewrite(k, v)]));
  const readyPort = Number(env.ADMIN_PORT ?? env.PORT);
  return {
    name,
    dir: join(root, 'services', folder),
    port: Number(env.PORT),
    // What the compose health check asks: the admin port when there is one (the broker), else PORT.
    readyUrl: `http://127.0.0.1:${readyPort}/health/ready`,
    url: `http://127.0.0.1:${env.PORT}`,
    args,
    env,
    database: Boolean(env.DATABASE_URL),
  };
}

/** Database names the compose file's DATABASE_URLs name, by service. */
export function composeDatabases(compose: ComposeFile): Map<string, string> {
  const names = new Map<string, string>();
  for (const [name, service] of Object.entries(compose.services)) {
    const url = environmentOf(service).DATABASE_URL;
    if (url) names.set(name, decodeURIComponent(new URL(url).pathname.slice(1)));
  }
  return names;
}
