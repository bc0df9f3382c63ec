import type { BrokerOptions } from '../broker.js';
import { durationMs } from './durations.js';

/**
 * The broker's environment (README lists it):
 * PORT, ADMIN_PORT, HOST, DATABASE_URL, MESH_CONFIG, MESH_SUBSCRIBER_URLS, MESH_SUBSCRIBER_URL_TEMPLATE,
 * MESH_TOKEN, MESH_DISPATCH, MESH_DELIVERY_CONCURRENCY, MESH_POLL_INTERVAL, MESH_LEASE_MARGIN.
 */
export function brokerOptionsFromEnv(env: NodeJS.ProcessEnv): Omit<BrokerOptions, 'logger'> {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl)
    throw new RangeError(
      'DATABASE_URL must name the broker database, e.g. postgresql://postgres:postgres@127.0.0.1:54329/cabs_broker',
    );
  return {
    databaseUrl,
    meshConfigDir: env.MESH_CONFIG || undefined,
    subscriberUrls: env.MESH_SUBSCRIBER_URLS,
    subscriberUrlTemplate: env.MESH_SUBSCRIBER_URL_TEMPLATE,
    host: env.HOST || undefined,
    port: integer(env, 'PORT', 8080),
    adminPort: integer(env, 'ADMIN_PORT', 8081),
    token: env.MESH_TOKEN || undefined,
    dispatch: flag(env, 'MESH_DISPATCH', true),
    deliveryConcurrency: integer(env, 'MESH_DELIVERY_CONCURRENCY', 16, 1),
    pollIntervalMs: duration(env, 'MESH_POLL_INTERVAL', 'PT0.5S'),
    leaseMarginMs: duration(env, 'MESH_LEASE_MARGIN', 'PT5S'),
  };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const text = env[name];
  if (!text) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new RangeError(`${name} must be an integer ≥ ${min}, got "${text}"`);
  return n;
}

function duration(env: NodeJS.ProcessEnv, name: string, fallback: string): number {
  try {
    return durationMs(env[name] || fallback);
  } catch (err) {
    throw new RangeError(`${name}: ${(err as Error).message}`);
  }
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const text = env[name]?.toLowerCase();
  if (!text) return fallback;
  if (['on', 'true', '1', 'yes'].includes(text)) return true;
  if (['off', 'false', '0', 'no'].includes(text)) return false;
  throw new RangeError(`${name} must be on or off, got "${env[name]}"`);
}
