import { readdir } from 'node:fs/promises';
import { isJson } from '@cabs/cloudevents';
import type {
  DeliveriesQuery,
  DeliveryState,
  DeliveryView,
  DrainQuery,
  DrainView,
  EventsQuery,
  StoredEvent,
} from '@cabs/contracts';
import type { PrismaClient } from '../db/generated/client.js';

/** A delivery as the admin API shows it, less what only mesh-config knows (its Trigger's attempts and subscriber). */
export type StoredDelivery = Omit<DeliveryView, 'maxAttempts' | 'subscriber'>;

/**
 * The reads behind the admin API, for people and dashboards: written with Prisma, where the shape of the
 * answer matters more than the last microsecond. State changes stay in SQL (store/delivery-queue.ts).
 */
export class AdminQueries {
  constructor(private readonly prisma: PrismaClient) {}

  async deliveries(filter: DeliveriesQuery): Promise<StoredDelivery[]> {
    const rows = await this.prisma.delivery.findMany({
      where: { state: filter.state, trigger: filter.trigger, event: eventWhere(filter) },
      include: { event: { select: eventSummary } },
      orderBy: { id: 'desc' },
      take: filter.limit,
    });
    return rows.map(deliveryView);
  }

  async delivery(id: bigint): Promise<StoredDelivery | null> {
    const row = await this.prisma.delivery.findUnique({ where: { id }, include: { event: { select: eventSummary } } });
    return row && deliveryView(row);
  }

  async events(filter: EventsQuery): Promise<StoredEvent[]> {
    const rows = await this.prisma.event.findMany({
      where: eventWhere(filter),
      include: {
        deliveries: {
          select: { id: true, trigger: true, state: true, attempts: true, deadLetter: true },
          orderBy: { id: 'asc' },
        },
      },
      orderBy: { receivedAt: 'desc' },
      take: filter.limit,
    });
    return rows.map((e) => ({
      id: e.id,
      namespace: e.namespace,
      broker: e.broker,
      receivedAt: e.receivedAt.toISOString(),
      attributes: e.attributes as Record<string, string>,
      ...dataView(e.attributes as Record<string, string>, e.data),
      deliveries: e.deliveries.map((d) => ({ ...d, id: Number(d.id) })),
    }));
  }

  /**
   * How many deliveries of a type/dataschema are not delivered yet: retire the schema once none is left. Dead letters
   * count: a redrive sends them to the subscriber again, which by then may no longer read that schema.
   */
  async drain(filter: DrainQuery): Promise<DrainView> {
    const where = { event: eventWhere(filter) };
    const [byState, inFlight] = await Promise.all([
      this.prisma.delivery.groupBy({ by: ['state'], where, _count: { _all: true } }),
      this.prisma.delivery.count({ where: { ...where, lease: { not: null }, nextAttemptAt: { gt: new Date() } } }),
    ]);
    const count = (state: DeliveryState) => byState.find((g) => g.state === state)?._count._all ?? 0;
    const counts = {
      pending: count('pending'),
      retrying: count('retrying'),
      dead: count('dead'),
      delivered: count('delivered'),
    };
    return { ...filter, ...counts, inFlight, drained: counts.pending + counts.retrying + counts.dead === 0 };
  }

  /** Deliveries not yet delivered, per Trigger and state: the backlog gauge and the Trigger listing. */
  async backlog(): Promise<{ trigger: string; state: string; count: number }[]> {
    const groups = await this.prisma.delivery.groupBy({
      by: ['trigger', 'state'],
      where: { state: { in: ['pending', 'retrying', 'dead'] } },
      _count: { _all: true },
    });
    return groups.map((g) => ({ trigger: g.trigger, state: g.state, count: g._count._all }));
  }

  /** Committed migrations not applied to this database: the broker is not ready while there are any. */
  async pendingMigrations(migrationsDir: string): Promise<string[]> {
    const committed = (await readdir(migrationsDir, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    const applied = await this.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const done = new Set(applied.map((r) => r.migration_name));
    return committed.filter((name) => !done.has(name)).sort();
  }
}

const eventSummary = {
  id: true,
  ceId: true,
  source: true,
  type: true,
  subject: true,
  dataschema: true,
  receivedAt: true,
} as const;

function eventWhere(filter: { type?: string; subject?: string; dataschema?: string }) {
  const { type, subject, dataschema } = filter;
  return (type ?? subject ?? dataschema) ? { type, subject, dataschema } : undefined;
}

interface DeliveryRow {
  id: bigint;
  trigger: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: Date | null;
  lease: string | null;
  lastStatus: number | null;
  lastError: string | null;
  errorDest: string | null;
  deadLetter: StoredDelivery['deadLetter'];
  deadLetterAttempts: number;
  createdAt: Date;
  updatedAt: Date;
  deliveredAt: Date | null;
  event: {
    id: string;
    ceId: string;
    source: string;
    type: string;
    subject: string | null;
    dataschema: string | null;
    receivedAt: Date;
  };
}

function deliveryView(d: DeliveryRow): StoredDelivery {
  const inFlight = d.lease !== null && d.nextAttemptAt !== null && d.nextAttemptAt > new Date();
  return {
    id: Number(d.id),
    trigger: d.trigger,
    state: d.state,
    attempts: d.attempts,
    inFlight,
    // While in flight the column holds the lease's end, not a planned attempt.
    nextAttemptAt: inFlight ? null : iso(d.nextAttemptAt),
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    failedDestination: d.errorDest,
    deadLetter: d.deadLetter,
    deadLetterAttempts: d.deadLetterAttempts,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    deliveredAt: iso(d.deliveredAt),
    event: {
      eventId: d.event.id,
      id: d.event.ceId,
      source: d.event.source,
      type: d.event.type,
      subject: d.event.subject,
      dataschema: d.event.dataschema,
      receivedAt: d.event.receivedAt.toISOString(),
    },
  };
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Data for reading: JSON parsed, text as text, anything else as base64. */
function dataView(
  attributes: Record<string, string>,
  data: Uint8Array | null,
): { data?: unknown; data_base64?: string } {
  if (!data || data.length === 0) return {};
  const bytes = Buffer.from(data);
  const contentType = attributes.datacontenttype ?? '';
  if (isJson(contentType)) {
    try {
      return { data: JSON.parse(bytes.toString('utf8')) };
    } catch {
      return { data: bytes.toString('utf8') };
    }
  }
  if (/^text\/|[/+]xml\b/i.test(contentType)) return { data: bytes.toString('utf8') };
  return { data_base64: bytes.toString('base64') };
}
