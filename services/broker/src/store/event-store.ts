import type pg from 'pg';
import type { MeshEvent } from '@cabs/cloudevents';

/** An accepted event and the Triggers it matched: stored together or not at all. */
export interface IngestItem {
  eventId: string;
  namespace: string;
  broker: string;
  event: MeshEvent;
  triggers: string[];
  /** Per Trigger: stored leased to this process's dispatcher, which attempts it at once (no claim needed). */
  leased: boolean[];
}

/** A delivery stored leased to this process: its row id and the lease that protects it. */
export interface LeasedDelivery {
  id: string;
  eventId: string;
  trigger: string;
  lease: string;
}

/**
 * Stores a batch of events and one delivery per matching Trigger in ONE statement — a single statement is a single
 * transaction, and one round trip however large the batch. Arrays travel as parameters and are unnested
 * server-side, so the statement text never changes. A delivery the local dispatcher has room for is stored leased
 * to it (`$13`, due again only when the lease runs out, `$14` ms): the dispatcher attempts it straight away instead
 * of claiming it with a query of its own, and if this process dies first any dispatcher takes it when the lease
 * expires, exactly as with a claimed delivery. The others are stored pending, for the next claim.
 */
const INSERT_EVENTS_AND_DELIVERIES = `
  WITH new_events AS (
    INSERT INTO events (id, namespace, broker, ce_id, source, type, subject, dataschema, attributes, data)
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[], $10::bytea[])
  )
  INSERT INTO deliveries (event_id, trigger, lease, next_attempt_at)
  SELECT d.event_id, d.trigger, CASE WHEN d.leased THEN $13::uuid END, now() + CASE WHEN d.leased THEN $14 * interval '1 millisecond' ELSE interval '0' END
    FROM unnest($11::uuid[], $12::text[], $15::boolean[]) AS d(event_id, trigger, leased)
  RETURNING id::text, event_id::text AS "eventId", trigger, lease::text`;

/** Stores the batch; returns the deliveries stored leased to this process (`lease`), for it to attempt now. */
export async function insertEvents(
  db: pg.Pool | pg.PoolClient,
  items: IngestItem[],
  lease: { id: string; ms: number },
): Promise<LeasedDelivery[]> {
  const c = {
    id: [] as string[],
    namespace: [] as string[],
    broker: [] as string[],
    ceId: [] as string[],
    source: [] as string[],
    type: [] as string[],
    subject: [] as (string | null)[],
    dataschema: [] as (string | null)[],
    attributes: [] as string[],
    data: [] as (Buffer | null)[],
  };
  const deliveryEvent: string[] = [];
  const deliveryTrigger: string[] = [];
  const deliveryLeased: boolean[] = [];
  for (const item of items) {
    const { eventId, namespace, broker, event, triggers } = item;
    const a = event.attributes;
    c.id.push(eventId);
    c.namespace.push(namespace);
    c.broker.push(broker);
    c.ceId.push(a.id);
    c.source.push(a.source);
    c.type.push(a.type);
    c.subject.push(a.subject ?? null);
    // 0.3 names it schemaurl; both answer the same drain question.
    c.dataschema.push(a.dataschema ?? a.schemaurl ?? null);
    c.attributes.push(JSON.stringify(a));
    c.data.push(event.data ?? null);
    triggers.forEach((trigger, i) => {
      deliveryEvent.push(eventId);
      deliveryTrigger.push(trigger);
      deliveryLeased.push(item.leased[i]);
    });
  }
  // Named: prepared once per connection, where PostgreSQL parsed and planned it on every batch before.
  const { rows } = await db.query<LeasedDelivery>({
    name: 'insert-events',
    text: INSERT_EVENTS_AND_DELIVERIES,
    values: [
      c.id,
      c.namespace,
      c.broker,
      c.ceId,
      c.source,
      c.type,
      c.subject,
      c.dataschema,
      c.attributes,
      c.data,
      deliveryEvent,
      deliveryTrigger,
      lease.id,
      lease.ms,
      deliveryLeased,
    ],
  });
  return rows.filter((row) => row.lease !== null);
}
