import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { MeshEvent } from '@cabs/cloudevents';
import type { DeliveryState } from '@cabs/contracts';
import type { IngestItem, LeasedDelivery } from './event-store.js';

export type DeadLetterState = 'sending' | 'sink' | 'local';

/** A delivery a dispatcher holds under a lease, with the event it carries. */
export interface ClaimedDelivery {
  id: string;
  lease: string;
  trigger: string;
  state: DeliveryState;
  attempts: number;
  deadLetter: DeadLetterState | null;
  deadLetterAttempts: number;
  lastStatus: number | null;
  lastError: string | null;
  lastResponse: Buffer | null;
  errorDest: string | null;
  eventId: string;
  namespace: string;
  broker: string;
  receivedAt: Date;
  event: MeshEvent;
}

/** A delivery just stored leased to this process, as a claim would have returned it: first attempt to come. */
export function freshDelivery(delivery: LeasedDelivery, item: IngestItem): ClaimedDelivery {
  return {
    id: delivery.id,
    lease: delivery.lease,
    trigger: delivery.trigger,
    state: 'pending',
    attempts: 0,
    deadLetter: null,
    deadLetterAttempts: 0,
    lastStatus: null,
    lastError: null,
    lastResponse: null,
    errorDest: null,
    eventId: item.eventId,
    namespace: item.namespace,
    broker: item.broker,
    receivedAt: new Date(),
    event: item.event,
  };
}

/** The new state of a claimed delivery after one attempt; `delayMs` null means nothing more to do. */
export interface Transition {
  id: string;
  lease: string;
  state: DeliveryState;
  attempts: number;
  deadLetter: DeadLetterState | null;
  deadLetterAttempts: number;
  delayMs: number | null;
  lastStatus: number | null;
  lastError: string | null;
  lastResponse: Buffer | null;
  errorDest: string | null;
}

/**
 * Claims due deliveries, at most `room` per Trigger, in one round trip. SKIP LOCKED lets several
 * dispatchers (replicas) claim side by side without waiting on each other or taking the same row.
 * The claim moves `next_attempt_at` to the end of the lease: if this process dies, the row simply
 * comes due again when the lease runs out, and any dispatcher picks it up.
 */
const CLAIM = `
  WITH due AS (
    SELECT d.id
    FROM unnest($1::text[], $2::int[]) AS t(trigger, room)
    CROSS JOIN LATERAL (
      SELECT id FROM deliveries
      WHERE trigger = t.trigger AND next_attempt_at <= now()
      ORDER BY next_attempt_at
      LIMIT t.room
      FOR UPDATE SKIP LOCKED
    ) d
  )
  UPDATE deliveries AS d
  SET next_attempt_at = now() + $3 * interval '1 millisecond', lease = $4
  FROM due, events AS e
  WHERE d.id = due.id AND e.id = d.event_id
  RETURNING d.id, d.lease, d.trigger, d.state, d.attempts, d.dead_letter, d.dead_letter_attempts, d.last_status,
            d.last_error, d.last_response, d.error_dest, e.id AS event_id, e.namespace, e.broker, e.received_at,
            e.attributes, e.data`;

/**
 * Records many transitions in one statement. A row is only updated while it still carries the lease of
 * the claim that produced the transition: a dispatcher whose lease ran out cannot overwrite the work of
 * the one that took over.
 */
const RECORD = `
  UPDATE deliveries AS d
  SET state = u.state::delivery_state,
      attempts = u.attempts,
      dead_letter = u.dead_letter::dead_letter_state,
      dead_letter_attempts = u.dead_letter_attempts,
      next_attempt_at = now() + u.delay_ms * interval '1 millisecond',
      lease = NULL,
      last_status = u.last_status,
      last_error = u.last_error,
      last_response = u.last_response,
      error_dest = u.error_dest,
      delivered_at = CASE WHEN u.state = 'delivered' THEN now() ELSE d.delivered_at END,
      updated_at = now()
  FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::int[], $7::float8[], $8::int[], $9::text[], $10::bytea[], $11::text[])
    AS u(id, lease, state, attempts, dead_letter, dead_letter_attempts, delay_ms, last_status, last_error, last_response, error_dest)
  WHERE d.id = u.id AND d.lease = u.lease`;

/**
 * A Trigger's deliveries waiting out a backoff become due now (their attempt counts stay as they are). Not those
 * leased: an attempt is under way, and its outcome decides.
 */
const HURRY = `
  UPDATE deliveries SET next_attempt_at = now()
  WHERE trigger = $1 AND state = 'retrying' AND lease IS NULL AND next_attempt_at > now()`;

/** Dead deliveries whose dead letter is settled go back to their subscriber, from attempt 1. */
const REDRIVE = `
  UPDATE deliveries
  SET state = 'pending', attempts = 0, dead_letter = NULL, dead_letter_attempts = 0,
      next_attempt_at = now(), lease = NULL, updated_at = now()
  WHERE state = 'dead' AND next_attempt_at IS NULL AND trigger = ANY($1::text[])
    AND ($2::bigint IS NULL OR id = $2) AND ($3::text IS NULL OR trigger = $3)
  RETURNING id`;

/** Deliveries of a Trigger that left mesh-config would wait forever; they become local dead letters instead. */
const PARK_ORPHANS = `
  UPDATE deliveries
  SET state = 'dead', dead_letter = 'local', next_attempt_at = NULL, lease = NULL, updated_at = now(),
      last_error = 'Trigger "' || trigger || '" is no longer in mesh-config'
  WHERE next_attempt_at <= now() AND NOT (trigger = ANY($1::text[]))
  RETURNING id`;

interface ClaimRow {
  id: string;
  lease: string;
  trigger: string;
  state: DeliveryState;
  attempts: number;
  dead_letter: DeadLetterState | null;
  dead_letter_attempts: number;
  last_status: number | null;
  last_error: string | null;
  last_response: Buffer | null;
  error_dest: string | null;
  event_id: string;
  namespace: string;
  broker: string;
  received_at: Date;
  attributes: Record<string, string>;
  data: Buffer | null;
}

/**
 * The deliveries table as a queue. Claims and outcomes go through the relaxed pool (no wait for the WAL
 * flush: losing one in a PostgreSQL crash costs a repeated attempt, never an event); redrive through the
 * durable pool, since the operator is told it happened.
 */
export class DeliveryQueue {
  constructor(private readonly pools: { durable: pg.Pool; relaxed: pg.Pool }) {}

  async claim(room: ReadonlyMap<string, number>, leaseMs: number): Promise<ClaimedDelivery[]> {
    // Named statements: prepared once per connection, not parsed and planned on every claim.
    const { rows } = await this.pools.relaxed.query<ClaimRow>({
      name: 'claim',
      text: CLAIM,
      values: [[...room.keys()], [...room.values()], leaseMs, randomUUID()],
    });
    return rows.map((r) => ({
      id: r.id,
      lease: r.lease,
      trigger: r.trigger,
      state: r.state,
      attempts: r.attempts,
      deadLetter: r.dead_letter,
      deadLetterAttempts: r.dead_letter_attempts,
      lastStatus: r.last_status,
      lastError: r.last_error,
      lastResponse: r.last_response,
      errorDest: r.error_dest,
      eventId: r.event_id,
      namespace: r.namespace,
      broker: r.broker,
      receivedAt: r.received_at,
      event: { attributes: r.attributes, data: r.data ?? undefined },
    }));
  }

  async record(transitions: Transition[]): Promise<void> {
    const column = <K extends keyof Transition>(k: K) => transitions.map((t) => t[k]);
    await this.pools.relaxed.query({
      name: 'record',
      text: RECORD,
      values: [
        column('id'),
        column('lease'),
        column('state'),
        column('attempts'),
        column('deadLetter'),
        column('deadLetterAttempts'),
        column('delayMs'),
        column('lastStatus'),
        column('lastError'),
        column('lastResponse'),
        column('errorDest'),
      ],
    });
  }

  /** Brings a Trigger's waiting retries forward to now; how many. */
  async hurry(trigger: string): Promise<number> {
    const { rowCount } = await this.pools.relaxed.query({ name: 'hurry', text: HURRY, values: [trigger] });
    return rowCount ?? 0;
  }

  /** Sends dead deliveries again: one (`id`), a Trigger's, or all; only Triggers still configured. */
  async redrive(triggers: string[], which: { id?: string; trigger?: string } = {}): Promise<string[]> {
    const { rows } = await this.pools.durable.query<{ id: string }>(REDRIVE, [
      triggers,
      which.id ?? null,
      which.trigger ?? null,
    ]);
    return rows.map((r) => r.id);
  }

  async parkOrphans(triggers: string[]): Promise<number> {
    const { rowCount } = await this.pools.durable.query(PARK_ORPHANS, [triggers]);
    return rowCount ?? 0;
  }
}
