import type pg from 'pg';
import type { MeshEvent } from '../events/mesh-event.js';

/** An accepted event and the Triggers it matched: stored together or not at all. */
export interface IngestItem {
  eventId: string;
  namespace: string;
  broker: string;
  event: MeshEvent;
  triggers: string[];
}

/**
 * Stores a batch of events and one pending delivery per matching Trigger in ONE statement — a single
 * statement is a single transaction, and one round trip however large the batch. Arrays travel as
 * parameters and are unnested server-side, so the statement text never changes.
 */
const INSERT_EVENTS_AND_DELIVERIES = `
  WITH new_events AS (
    INSERT INTO events (id, namespace, broker, ce_id, source, type, subject, dataschema, attributes, data)
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[], $10::bytea[])
  )
  INSERT INTO deliveries (event_id, trigger)
  SELECT * FROM unnest($11::uuid[], $12::text[])`;

export async function insertEvents(db: pg.Pool | pg.PoolClient, items: IngestItem[]): Promise<void> {
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
  for (const { eventId, namespace, broker, event, triggers } of items) {
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
    for (const trigger of triggers) {
      deliveryEvent.push(eventId);
      deliveryTrigger.push(trigger);
    }
  }
  // Named: prepared once per connection, where PostgreSQL parsed and planned it on every batch before.
  await db.query({ name: 'insert-events', text: INSERT_EVENTS_AND_DELIVERIES, values: [
    c.id, c.namespace, c.broker, c.ceId, c.source, c.type, c.subject, c.dataschema, c.attributes, c.data,
    deliveryEvent, deliveryTrigger,
  ] });
}
