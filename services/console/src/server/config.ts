/** The services whose REST APIs and health the console reads, as docs/contract.md numbers them. */
export const SERVICES = ['transit', 'drivers', 'fees', 'invoicing', 'notifications'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface ConsoleConfig {
  host: string;
  port: number;
  /** The broker's ingress: where CompleteTransit is sent (K_SINK, as a SinkBinding would set it). */
  brokerUrl: string;
  brokerAdminUrl: string;
  services: Record<ServiceName, string>;
  /** Sent as `Authorization: Bearer` to the broker's ingress and admin API. */
  meshToken?: string;
  /** When set, the console's own page and API ask for it (CONSOLE_TOKEN; http/access-token.ts). */
  accessToken?: string;
  /** The tracing UI (e.g. Jaeger); events link to `<url>/trace/<traceId>`. */
  tracingUiUrl?: string;
  healthPollMs: number;
  /** Seed the demo's data on a first start (docker-compose.yml); `npm start` seeds through libs/devstack instead. */
  seedDemoData: boolean;
  /** The built page (Vite's output). */
  webDir: string;
}

const local = (port: number) => `http://127.0.0.1:${port}`;
const DEFAULT_SERVICE_PORTS: Record<ServiceName, number> = {
  transit: 3001,
  drivers: 3002,
  fees: 3003,
  invoicing: 3004,
  notifications: 3005,
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the console's settings from the environment; every one has a default that matches `npm start`. */
export function consoleConfigFromEnv(env: Record<string, string | undefined>, webDir: string): ConsoleConfig {
  const url = (name: string, fallback: string) => {
    const value = env[name] || fallback;
    const parsed = URL.canParse(value) ? new URL(value) : undefined;
    if (parsed?.protocol !== 'http:' && parsed?.protocol !== 'https:')
      throw new ConfigError(`${name} must be an absolute URL such as ${fallback}; got '${value}'`);
    return parsed.href.replace(/\/$/, '');
  };
  const integer = (name: string, fallback: number, min: number, max: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max)
      throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got '${raw}'`);
    return value;
  };
  const flag = (name: string) => {
    const raw = env[name];
    if (raw === undefined || raw === '' || raw === 'false') return false;
    if (raw === 'true') return true;
    throw new ConfigError(`${name} must be true or false; got '${raw}'`);
  };
  const secret = (name: string) => {
    const raw = env[name];
    if (!raw) return undefined;
    if (raw.length < 16)
      throw new ConfigError(`${name} must be at least 16 characters (e.g. openssl rand -hex 16); got ${raw.length}`);
    return raw;
  };
  const services = Object.fromEntries(
    SERVICES.map((s) => [s, url(`${s.toUpperCase()}_URL`, local(DEFAULT_SERVICE_PORTS[s]))]),
  ) as Record<ServiceName, string>;
  return {
    host: env.HOST || '0.0.0.0',
    port: integer('PORT', 3000, 0, 65535),
    brokerUrl: url('K_SINK', `${local(8080)}/cabs/default`),
    brokerAdminUrl: url('BROKER_ADMIN_URL', local(8081)),
    services,
    meshToken: env.MESH_TOKEN || undefined,
    accessToken: secret('CONSOLE_TOKEN'),
    tracingUiUrl: env.TRACING_UI_URL ? url('TRACING_UI_URL', 'http://localhost:16686') : undefined,
    healthPollMs: integer('HEALTH_POLL_MS', 1500, 100, 60_000),
    seedDemoData: flag('SEED_DEMO_DATA'),
    webDir,
  };
}
