import { Type, type StaticDecode } from '@sinclair/typebox';
import { DatabaseUrl, Duration, Flag, LogFormat, LogLevel, MeshToken, Port } from '@cabs/contracts';
import type { BrokerOptions } from '../broker.js';

/** The broker's environment, as its README lists it; read with `readEnv` (`@cabs/contracts`) in main.ts. */
export const BrokerEnv = Type.Object({
  DATABASE_URL: DatabaseUrl('postgresql://postgres:postgres@127.0.0.1:54329/cabs_broker'),
  MESH_CONFIG: Type.Optional(Type.String()),
  MESH_SUBSCRIBER_URLS: Type.Optional(Type.String()),
  MESH_SUBSCRIBER_URL_TEMPLATE: Type.Optional(Type.String()),
  HOST: Type.Optional(Type.String()),
  PORT: Port(8080),
  ADMIN_PORT: Port(8081),
  MESH_TOKEN: MeshToken,
  MESH_DISPATCH: Flag({ default: true }),
  MESH_DELIVERY_CONCURRENCY: Type.Integer({ minimum: 1, default: 16 }),
  MESH_POLL_INTERVAL: Duration({ default: 'PT0.5S', positive: true }),
  MESH_LEASE_MARGIN: Duration({ default: 'PT5S' }),
  LOG_LEVEL: LogLevel,
  LOG_FORMAT: LogFormat,
});
export type BrokerEnv = StaticDecode<typeof BrokerEnv>;

export function brokerOptions(env: BrokerEnv): Omit<BrokerOptions, 'logger'> {
  return {
    databaseUrl: env.DATABASE_URL,
    meshConfigDir: env.MESH_CONFIG,
    subscriberUrls: env.MESH_SUBSCRIBER_URLS,
    subscriberUrlTemplate: env.MESH_SUBSCRIBER_URL_TEMPLATE,
    host: env.HOST,
    port: env.PORT,
    adminPort: env.ADMIN_PORT,
    token: env.MESH_TOKEN,
    dispatch: env.MESH_DISPATCH,
    deliveryConcurrency: env.MESH_DELIVERY_CONCURRENCY,
    pollIntervalMs: env.MESH_POLL_INTERVAL,
    leaseMarginMs: env.MESH_LEASE_MARGIN,
  };
}
