import { join } from 'node:path';
import { serviceDatabaseName, withDatabase, workspaceRoot } from '@cabs/postgres';
import { devstackEnv } from './environment.js';

const host = '127.0.0.1';

/** One OS process of the system, as `npm start` runs it and docker-compose.yml declares it. */
export interface ProcessSpec {
  name: string;
  /** The service folder (cwd of the process). */
  dir: string;
  port: number;
  /** Where readiness is answered: the service port, or the broker's admin port. */
  readyUrl: string;
  /** URL shown to people once everything is up. */
  url: string;
  args: string[];
  env: Record<string, string>;
  /** Owns a database `cabs_<name>` with Prisma migrations. */
  database: boolean;
}

export interface SystemPorts {
  broker: number;
  brokerAdmin: number;
  transit: number;
  drivers: number;
  fees: number;
  invoicing: number;
  notifications: number;
  console: number;
}

/** The ports of docs/contract.md; `CABS_PORT_OFFSET` shifts them all, so tests can run a second system beside a dev one. */
export function systemPorts(offset = devstackEnv().CABS_PORT_OFFSET): SystemPorts {
  return {
    broker: 8080 + offset,
    brokerAdmin: 8081 + offset,
    transit: 3001 + offset,
    drivers: 3002 + offset,
    fees: 3003 + offset,
    invoicing: 3004 + offset,
    notifications: 3005 + offset,
    console: 3000 + offset,
  };
}

/** Where the demo's calls (@cabs/client) reach the system on this machine: the REST APIs and the mesh's ingress. */
export function localUrls(ports: SystemPorts): { transit: string; drivers: string; ingress: string } {
  return {
    transit: `http://${host}:${ports.transit}`,
    drivers: `http://${host}:${ports.drivers}`,
    ingress: `http://${host}:${ports.broker}/cabs/default`,
  };
}

export const DOMAIN_SERVICES = ['transit', 'drivers', 'fees', 'invoicing', 'notifications'] as const;
export type DomainService = (typeof DOMAIN_SERVICES)[number];

/** Every process of the system, as `npm start` and docker-compose.yml both name them. */
export const SYSTEM_PROCESSES = ['broker', ...DOMAIN_SERVICES, 'console'] as const;

/** What people open for each process (the same with docker compose, whose ports are published alike). */
export function processUrl(name: string, ports: SystemPorts): string {
  if (name === 'broker')
    return `http://localhost:${ports.broker}/cabs/default (admin http://localhost:${ports.brokerAdmin})`;
  if (name === 'console') return `http://localhost:${ports.console}`;
  const port = ports[name as DomainService];
  return `http://localhost:${port} (OpenAPI http://localhost:${port}/docs)`;
}

export interface SystemOptions {
  /** PostgreSQL server URL; each process gets its own database on it. */
  serverUrl: string;
  ports?: SystemPorts;
  /** Directory of Knative YAML the broker reads (default: mesh-config/). */
  meshConfig?: string;
  /** Extra environment for every process (e.g. MESH_TOKEN, OTEL_EXPORTER_OTLP_ENDPOINT). */
  env?: Record<string, string>;
  /** Database name prefix (tests use their own). */
  databasePrefix?: string;
  /** `pretty` for people at a terminal, `json` for machines. */
  logFormat?: 'pretty' | 'json';
}

/**
 * The whole system as process specs. The environment here is exactly what docker-compose.yml sets for each
 * container (only the host names differ): `K_SINK` as a SinkBinding would inject it, subscribers mapped by name.
 */
export function systemProcesses(options: SystemOptions): ProcessSpec[] {
  const root = workspaceRoot();
  const ports = options.ports ?? systemPorts();
  const database = (name: string) =>
    withDatabase(options.serverUrl, `${options.databasePrefix ?? ''}${serviceDatabaseName(name)}`);
  const common = { LOG_FORMAT: options.logFormat ?? 'pretty', ...options.env };
  const telemetry = ['--import', '@cabs/platform/telemetry'];

  const broker: ProcessSpec = {
    name: 'broker',
    dir: join(root, 'services', 'broker'),
    port: ports.broker,
    readyUrl: `http://${host}:${ports.brokerAdmin}/health/ready`,
    url: processUrl('broker', ports),
    args: ['dist/main.js'],
    database: true,
    env: {
      ...common,
      PORT: String(ports.broker),
      ADMIN_PORT: String(ports.brokerAdmin),
      DATABASE_URL: database('broker'),
      MESH_CONFIG: options.meshConfig ?? join(root, 'mesh-config'),
      MESH_SUBSCRIBER_URLS: DOMAIN_SERVICES.map((s) => `${s}=http://${host}:${ports[s]}`).join(','),
    },
  };

  const services = DOMAIN_SERVICES.map<ProcessSpec>((name) => ({
    name,
    dir: join(root, 'services', name),
    port: ports[name],
    readyUrl: `http://${host}:${ports[name]}/health/ready`,
    url: processUrl(name, ports),
    args: [...telemetry, 'dist/main.js'],
    database: true,
    env: {
      ...common,
      PORT: String(ports[name]),
      DATABASE_URL: database(name),
      K_SINK: localUrls(ports).ingress,
      OTEL_SERVICE_NAME: name,
    },
  }));

  // The console reads the broker's admin API and every service's REST API; it has no database.
  const meshConsole: ProcessSpec = {
    name: 'console',
    dir: join(root, 'services', 'console'),
    port: ports.console,
    readyUrl: `http://${host}:${ports.console}/health/ready`,
    url: processUrl('console', ports),
    args: ['dist/server/main.js'],
    database: false,
    env: {
      ...common,
      PORT: String(ports.console),
      K_SINK: localUrls(ports).ingress,
      BROKER_ADMIN_URL: `http://${host}:${ports.brokerAdmin}`,
      ...Object.fromEntries(DOMAIN_SERVICES.map((s) => [`${s.toUpperCase()}_URL`, `http://${host}:${ports[s]}`])),
    },
  };

  return [broker, ...services, meshConsole];
}
