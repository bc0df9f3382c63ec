import { Type } from '@sinclair/typebox';
import {
  Duration,
  Flag,
  LogFormat,
  LogLevel,
  MeshToken,
  Port,
  readEnv,
  Renamed,
  Secret,
  type Environment,
} from '@cabs/contracts';

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
  /** When set (16+ characters), the console's own page and API ask for it (CONSOLE_TOKEN; http/access-token.ts). */
  accessToken?: string;
  /** The tracing UI (e.g. Jaeger); events link to `<url>/trace/<traceId>`. */
  tracingUiUrl?: string;
  healthPollMs: number;
  /** Seed the demo's data on a first start (docker-compose.yml); `npm start` seeds through tools/devstack instead. */
  seedDemoData: boolean;
  /** The built page (Vite's output). */
  webDir: string;
}

const local = (port: number) => `http://127.0.0.1:${port}`;
const Url = (fallback?: string) =>
  Type.String(fallback === undefined ? { format: 'http-url' } : { format: 'http-url', default: fallback });

/** The console's environment; every variable has a default that matches `npm start` (docs/contract.md's ports). */
const ConsoleEnv = Type.Object({
  HOST: Type.String({ default: '0.0.0.0' }),
  PORT: Port(3000),
  K_SINK: Url(`${local(8080)}/cabs/default`),
  BROKER_ADMIN_URL: Url(local(8081)),
  TRANSIT_URL: Url(local(3001)),
  DRIVERS_URL: Url(local(3002)),
  FEES_URL: Url(local(3003)),
  INVOICING_URL: Url(local(3004)),
  NOTIFICATIONS_URL: Url(local(3005)),
  MESH_TOKEN: MeshToken,
  CONSOLE_TOKEN: Type.Optional(Secret({ minLength: 16 })),
  TRACING_UI_URL: Type.Optional(Url()),
  HEALTH_POLL_INTERVAL: Duration({ default: 'PT1.5S', minimum: 'PT0.1S', maximum: 'PT1M' }),
  HEALTH_POLL_MS: Renamed('HEALTH_POLL_INTERVAL', 'PT1.5S'),
  SEED_DEMO_DATA: Flag({ default: false }),
  LOG_LEVEL: LogLevel,
  LOG_FORMAT: LogFormat,
});

/** Without the trailing slash, so paths are appended alike to `http://invoicing:8080/` and `http://invoicing:8080`. */
const base = (url: string) => new URL(url).href.replace(/\/$/, '');

/** Reads the console's settings from the environment (`readEnv`: a wrong one throws a `ConfigError`). */
export function consoleConfigFromEnv(
  env: Environment,
  webDir: string,
): ConsoleConfig & { logging: { level: string; format: 'json' | 'pretty' } } {
  const read = readEnv(ConsoleEnv, env);
  return {
    host: read.HOST,
    port: read.PORT,
    brokerUrl: base(read.K_SINK),
    brokerAdminUrl: base(read.BROKER_ADMIN_URL),
    services: {
      transit: base(read.TRANSIT_URL),
      drivers: base(read.DRIVERS_URL),
      fees: base(read.FEES_URL),
      invoicing: base(read.INVOICING_URL),
      notifications: base(read.NOTIFICATIONS_URL),
    },
    meshToken: read.MESH_TOKEN,
    accessToken: read.CONSOLE_TOKEN,
    tracingUiUrl: read.TRACING_UI_URL === undefined ? undefined : base(read.TRACING_UI_URL),
    healthPollMs: read.HEALTH_POLL_INTERVAL,
    seedDemoData: read.SEED_DEMO_DATA,
    webDir,
    logging: { level: read.LOG_LEVEL, format: read.LOG_FORMAT },
  };
}
