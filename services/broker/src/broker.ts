import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import { createAdminServer } from './admin/admin-server.js';
import { destinationResolver } from './config/destinations.js';
import { loadMeshConfig } from './config/load-mesh-config.js';
import type { Mesh } from './config/mesh.js';
import { Dispatcher } from './dispatch/dispatcher.js';
import { EventIntake } from './ingress/event-intake.js';
import { createIngressServer } from './ingress/ingress-server.js';
import { ActivityFeed } from './observability/activity.js';
import { BrokerMetrics } from './observability/metrics.js';
import type { BrokerTracing } from './observability/tracing.js';
import { AdminQueries } from './store/admin-queries.js';
import { openDatabase } from './store/database.js';
import { DeliveryQueue } from './store/delivery-queue.js';

export interface BrokerOptions {
  /** The broker's own PostgreSQL database, migrated (services/broker/prisma/migrations). */
  databaseUrl: string;
  /** Folder of Knative YAML (Broker, Triggers); default: the repository's mesh-config/. */
  meshConfigDir?: string;
  /** `name=url,name=url`: where Knative references point outside Kubernetes (MESH_SUBSCRIBER_URLS). */
  subscriberUrls?: string;
  /** For references not in `subscriberUrls`, e.g. `http://{name}:3000` (MESH_SUBSCRIBER_URL_TEMPLATE). */
  subscriberUrlTemplate?: string;
  host?: string;
  /** Ingress port (0: any free port). Default 8080. */
  port?: number;
  /** Admin API, health and metrics port (0: any free port). Default 8081. */
  adminPort?: number;
  /** Shared secret required from senders and admin callers and presented to subscribers (MESH_TOKEN). */
  token?: string;
  /** False for an ingress-only replica: accept and store, leave delivery to others. Default true. */
  dispatch?: boolean;
  /** Deliveries in flight per Trigger. Default 16. */
  deliveryConcurrency?: number;
  /** How often to look for work other replicas left (and leases that expired). Default 500 ms. */
  pollIntervalMs?: number;
  /** A claim's lease: the longest attempt timeout plus this. Default 5 s. */
  leaseMarginMs?: number;
  /** Default 1 MiB; larger events get 413. */
  maxEventBytes?: number;
  logger?: Logger;
  /** Spans for the ingress and each delivery attempt (observability/tracing.ts); none by default. */
  tracing?: BrokerTracing;
}

export interface RunningBroker {
  ingressUrl: string;
  adminUrl: string;
  mesh: Mesh;
  /** Graceful: stop accepting, finish in-flight requests and deliveries, record their outcomes. */
  close(): Promise<void>;
}

export const MIB = 1024 * 1024;
const migrationsDir = fileURLToPath(new URL('../prisma/migrations', import.meta.url));
export const defaultMeshConfigDir = fileURLToPath(new URL('../../../mesh-config', import.meta.url));

/** Starts the local Knative-compatible broker: mesh-config in, ingress and admin API listening, dispatcher running. */
export async function startBroker(options: BrokerOptions): Promise<RunningBroker> {
  const logger = options.logger ?? pino({ base: { service: 'broker' } });
  const maxEventBytes = options.maxEventBytes ?? MIB;
  const token = options.token || undefined;
  const mesh = await loadMeshConfig(
    options.meshConfigDir ?? defaultMeshConfigDir,
    destinationResolver({
      MESH_SUBSCRIBER_URLS: options.subscriberUrls,
      MESH_SUBSCRIBER_URL_TEMPLATE: options.subscriberUrlTemplate,
    }),
  );

  const db = openDatabase(options.databaseUrl);
  const queries = new AdminQueries(db.prisma);
  const queue = new DeliveryQueue(db);
  const activity = new ActivityFeed();
  const metrics = new BrokerMetrics(() => queries.backlog());

  let dispatcher: Dispatcher | undefined;
  const intake = new EventIntake({
    pool: db.durable,
    mesh,
    activity,
    metrics,
    logger,
    onAccepted: () => dispatcher?.wake(),
  });
  if (options.dispatch !== false) {
    dispatcher = new Dispatcher(
      { mesh, queue, intake, activity, metrics, logger, tracing: options.tracing },
      {
        concurrency: options.deliveryConcurrency ?? 16,
        pollIntervalMs: options.pollIntervalMs ?? 500,
        leaseMarginMs: options.leaseMarginMs ?? 5000,
        maxEventBytes,
        token,
      },
    );
    intake.handOffTo(dispatcher);
  }

  const ready = async () => {
    try {
      const pending = await queries.pendingMigrations(migrationsDir);
      if (pending.length)
        return {
          ready: false,
          problem: `migrations not applied: ${pending.join(', ')} (npm run db:migrate -w services/broker)`,
        };
      return { ready: true };
    } catch (err) {
      return { ready: false, problem: `database: ${(err as Error).message}` };
    }
  };

  const ingress = createIngressServer({
    mesh,
    intake,
    metrics,
    logger,
    maxEventBytes,
    token,
    tracing: options.tracing,
  });
  const admin = createAdminServer({
    mesh,
    queries,
    queue,
    activity,
    metrics,
    logger,
    ready,
    token,
    onRedrive: () => dispatcher?.wake(),
  });

  try {
    if (dispatcher) {
      const parked = await queue.parkOrphans(mesh.triggers.map((t) => t.name));
      if (parked)
        logger.warn(
          `${parked} pending deliveries belong to Triggers no longer in mesh-config; kept as local dead letters`,
        );
    }
    const host = options.host ?? '0.0.0.0';
    const ingressUrl = await ingress.listen({ host, port: options.port ?? 8080 });
    const adminUrl = await admin.listen({ host, port: options.adminPort ?? 8081 });
    dispatcher?.start();
    logger.info(
      { ingressUrl, adminUrl, triggers: mesh.triggers.length },
      `broker ready: POST events to ${ingressUrl}/${mesh.brokers[0].namespace}/${mesh.brokers[0].name}; admin API on ${adminUrl}; ${mesh.triggers.length} Trigger${mesh.triggers.length === 1 ? '' : 's'}`,
    );
    return {
      ingressUrl: localUrl(ingressUrl),
      adminUrl: localUrl(adminUrl),
      mesh,
      async close() {
        await ingress.close();
        await dispatcher?.stop();
        await intake.drained();
        await admin.close();
        await db.close();
      },
    };
  } catch (err) {
    await Promise.allSettled([ingress.close(), admin.close()]);
    await db.close();
    throw err;
  }
}

/** Fastify reports the first address it bound; callers on this machine want a loopback URL. */
function localUrl(url: string): string {
  return url.replace('://0.0.0.0', '://127.0.0.1').replace('://[::]', '://127.0.0.1');
}
