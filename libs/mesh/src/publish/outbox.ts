import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { validateData, type EventContract } from '@cabs/contracts';
import { currentTraceHeaders, type SqlClient, type TraceHeaders } from '@cabs/platform';
import { MESH_OPTIONS, type MeshOptions } from '../mesh-options.js';

/** The channel the relay LISTENs on. */
export const OUTBOX_CHANNEL = 'mesh_outbox';

/** An event to publish, checked against its contract when it was queued. */
export interface OutboxEntry {
  contract: EventContract;
  data: unknown;
  subject?: string;
  /** The trace the event continues: the one active where it was emitted. */
  trace: TraceHeaders;
}

/** An event in the outbox: what the relay publishes. */
export interface OutboxRow {
  seq: string;
  id: string;
  type: string;
  source: string;
  subject: string | null;
  dataschema: string | null;
  data: unknown;
  extensions: Record<string, string>;
  created_at: Date;
  attempts: number;
}

/** An event a write queued: after the commit, published at once by the process that wrote it when `leased`. */
export interface QueuedEvent extends OutboxRow {
  leased: boolean;
}

/**
 * All of a transaction's events in one statement, in the order given. With `$9` > 0 an event is leased to the
 * writing process for that many milliseconds (`next_attempt_at` in the future, so the relay's sweep leaves it
 * alone) and published by it right after the commit — unless an earlier event of its subject is still unsent: then
 * it is due now and left to the sweep, which keeps the subject's order. Only then is there a NOTIFY, which
 * PostgreSQL delivers when (and if) the transaction commits, to the relay of this replica and any other. The lease
 * runs from the insert (`clock_timestamp()`), not from the start of a transaction that may have waited on a lock.
 * Whether an event is leased is the decision itself, not read back from `next_attempt_at`: stored to the
 * millisecond, `now()` may round up past `now()`.
 */
const INSERT_EVENTS = `
  WITH e AS (
    SELECT e.*, $9::int > 0 AND NOT EXISTS (SELECT 1 FROM mesh_outbox p WHERE p.subject = e.subject AND p.sent_at IS NULL)
             AS leased
      FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[], $7::int[])
        AS e(id, type, subject, dataschema, data, extensions, n)),
  queued AS (
    INSERT INTO mesh_outbox (id, type, source, subject, dataschema, data, extensions, next_attempt_at)
    SELECT id, type, $8, subject, dataschema, data, extensions,
           CASE WHEN leased THEN clock_timestamp() + $9::int * interval '1 millisecond' ELSE now() END
      FROM e ORDER BY n
    RETURNING id, seq, created_at)
  SELECT q.id::text, q.seq::text, q.created_at, e.leased, CASE WHEN NOT e.leased THEN pg_notify('${OUTBOX_CHANNEL}', '') END
    FROM queued q JOIN e USING (id)`;

/** The latest event of a type about a subject, due again: the same row, so the same id. */
const RESTATE = `
  WITH restated AS (
    UPDATE mesh_outbox SET sent_at = NULL, attempts = 0, last_error = NULL, next_attempt_at = now()
     WHERE seq = (SELECT max(seq) FROM mesh_outbox WHERE type = $1 AND dataschema = $2 AND subject = $3)
    RETURNING 1)
  SELECT (SELECT count(*) FROM restated)::int AS restated, pg_notify('${OUTBOX_CHANNEL}', '')`;

/**
 * Writes events into the service's outbox table inside the caller's transaction. They are published only if that
 * transaction commits — and then certainly, by the relay — so a change and the events it causes never part ways.
 */
@Injectable()
export class Outbox {
  constructor(@Inject(MESH_OPTIONS) private readonly options: MeshOptions) {}

  get source(): string {
    return `usvc://cabs/${this.options.service}`;
  }

  /** An entry for `write`, refused at once when `data` breaks its contract: a bug here, not at the receiver. */
  entry(contract: EventContract, data: unknown, subject: string | undefined): OutboxEntry {
    const checked = validateData(contract, data);
    if (!checked.ok) throw new Error(`Refusing to emit invalid ${contract.type}: ${checked.errors.join('; ')}`);
    return { contract, data, subject, trace: currentTraceHeaders() };
  }

  /** Writes the entries (one statement); `leaseMs` > 0 leases them to this process to publish after the commit. */
  async write(tx: SqlClient, entries: readonly OutboxEntry[], leaseMs: number): Promise<QueuedEvent[]> {
    if (!entries.length) return [];
    const events = entries.map((e) => ({
      id: randomUUID(),
      type: e.contract.type,
      source: this.source,
      subject: e.subject ?? null,
      dataschema: e.contract.dataschema,
      data: e.data,
      extensions: withoutEmpty(e.trace),
    }));
    const queued = await tx.query<{ id: string; seq: string; created_at: Date; leased: boolean }>(INSERT_EVENTS, [
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map((e) => e.subject),
      events.map((e) => e.dataschema),
      events.map((e) => JSON.stringify(e.data)),
      events.map((e) => JSON.stringify(e.extensions)),
      events.map((_, n) => n),
      this.source,
      leaseMs,
    ]);
    // Paired by id, not by position: the order rows come back in is not the order they were inserted in.
    const rows = new Map(queued.map((row) => [row.id, row]));
    return events.map((event) => {
      const row = rows.get(event.id);
      if (!row) throw new Error(`The outbox insert did not return event ${event.id}`);
      return { ...event, ...row, attempts: 0 };
    });
  }

  /**
   * Publishes again the latest `contract` event this service stated about `subject`: the same event, same id. Whoever
   * handled it ignores it (their inbox knows the id); whoever never got it — its delivery dead-lettered while they
   * were down — handles it now. How a service answers a command it has already carried out. Returns false when this
   * service never stated such a fact.
   */
  async restate(tx: SqlClient, contract: EventContract, subject: string): Promise<boolean> {
    const [{ restated }] = await tx.query<{ restated: number }>(RESTATE, [contract.type, contract.dataschema, subject]);
    return restated > 0;
  }
}

const withoutEmpty = (trace: TraceHeaders): Record<string, string> =>
  Object.fromEntries(Object.entries(trace).filter((entry): entry is [string, string] => !!entry[1]));
