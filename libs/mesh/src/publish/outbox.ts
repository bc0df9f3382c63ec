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

/**
 * All of a transaction's events in one statement, in the order given (the relay publishes a subject's events in
 * `seq` order). PostgreSQL delivers the NOTIFY only when (and if) the transaction commits: the relay wakes right
 * after the commit instead of at its next poll, in this replica and any other.
 */
const INSERT_EVENTS = `
  WITH queued AS (
    INSERT INTO mesh_outbox (id, type, source, subject, dataschema, data, extensions)
    SELECT id, type, $8, subject, dataschema, data, extensions
      FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[], $7::int[])
        AS e(id, type, subject, dataschema, data, extensions, n)
     ORDER BY n
    RETURNING 1)
  SELECT pg_notify('${OUTBOX_CHANNEL}', '')`;

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

  async write(tx: SqlClient, entries: readonly OutboxEntry[]): Promise<void> {
    if (!entries.length) return;
    await tx.query(INSERT_EVENTS, [
      entries.map(() => randomUUID()),
      entries.map((e) => e.contract.type),
      entries.map((e) => e.subject ?? null),
      entries.map((e) => e.contract.dataschema),
      entries.map((e) => JSON.stringify(e.data)),
      entries.map((e) => JSON.stringify(withoutEmpty(e.trace))),
      entries.map((_, n) => n),
      this.source,
    ]);
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

const withoutEmpty = (trace: TraceHeaders) => Object.fromEntries(Object.entries(trace).filter(([, v]) => v));
