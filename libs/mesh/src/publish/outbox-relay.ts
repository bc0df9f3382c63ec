import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import { binaryModeHeaders } from '@cabs/cloudevents';
import pg from 'pg';
import { WakeSignal } from '@cabs/mesh-http';
import { contextFromTraceHeaders, PLATFORM_ENV, SqlDatabase, type PlatformEnv, type SqlClient } from '@cabs/platform';
import { MESH_OPTIONS, type MeshOptions } from '../mesh-options.js';
import { parseCeOverrides } from './ce-overrides.js';
import { OUTBOX_CHANNEL, type OutboxRow, type QueuedEvent } from './outbox.js';
import { postEvent } from './post-event.js';
import { relayBackoffMs } from './relay-backoff.js';
import { meshMetrics, reportOutboxBacklog } from '../mesh-metrics.js';

/** One relay per database at a time, so per-subject order holds across replicas too. */
const RELAY_LOCK = 0x6d657368; // "mesh"

/**
 * Under the relay lock (none when another replica holds it), the rows due now, oldest first, skipping any subject
 * whose earlier event is still waiting to be retried. One statement, so a round is a round trip shorter: a CTE
 * that calls a volatile function is evaluated at most once, and rows are locked only after the join kept them. They
 * stay locked until the batch commits, so a restatement (`Outbox.restate`) of a row being published waits for it to
 * be marked sent instead of being overwritten by that mark.
 */
const DUE_ROWS = `
  WITH relay AS (SELECT pg_try_advisory_xact_lock(${RELAY_LOCK}) AS locked)
  SELECT o.seq::text, o.id::text, o.type, o.source, o.subject, o.dataschema, o.data, o.extensions, o.created_at, o.attempts
    FROM relay, mesh_outbox o
   WHERE relay.locked AND o.sent_at IS NULL AND o.next_attempt_at <= now()
     AND NOT EXISTS (SELECT 1 FROM mesh_outbox e
                      WHERE e.sent_at IS NULL AND e.subject = o.subject AND e.seq < o.seq AND e.next_attempt_at > now())
   ORDER BY o.seq
   LIMIT $1
     FOR UPDATE OF o`;

/**
 * The events a process published right after its write committed, marked sent — many publishes in one statement.
 * Only while still leased to it: a restatement (due now) or a lease that ran out belongs to the sweep.
 */
const MARK_SENT = `
  UPDATE mesh_outbox SET sent_at = now()
   WHERE seq = ANY($1::bigint[]) AND sent_at IS NULL AND next_attempt_at > now()`;

/**
 * A failed publish of a committed write's events: the attempt recorded on the event that failed (due again after
 * the backoff, `$3` ms), and the subject's later events, unpublished, handed to the sweep (due now; it publishes
 * them once the failed one has gone out).
 */
const HAND_TO_SWEEP = `
  UPDATE mesh_outbox o
     SET attempts = o.attempts + CASE WHEN o.seq = $1::bigint THEN 1 ELSE 0 END,
         last_error = CASE WHEN o.seq = $1::bigint THEN $2 ELSE o.last_error END,
         next_attempt_at = CASE WHEN o.seq = $1::bigint THEN now() + $3::int * interval '1 millisecond' ELSE now() END
   WHERE o.seq = ANY($4::bigint[]) AND o.sent_at IS NULL AND o.next_attempt_at > now()`;

/**
 * How often published events are marked sent: one statement for all of them rather than one per write. A mark only
 * has to land before the lease runs out; a later one costs nothing, a lost one a re-send.
 */
const MARK_EVERY_MS = 100;

/** How long past the send timeout a committed write's events stay leased to its process before the sweep may. */
const LEASE_MARGIN_MS = 5_000;

/**
 * Publishes the outbox to the mesh (K_SINK) in binary mode and marks events sent. Events of one subject go out in
 * the order they were written; different subjects go out concurrently. A failed publish is retried with backoff,
 * forever: an event leaves the outbox only by reaching the mesh. A crash between publish and mark re-sends the event
 * with the same id, which receivers deduplicate.
 *
 * Two paths (docs/decisions/0020-publish-after-commit.md): a write's events are published by the process that
 * committed them, right after the commit (`publishCommitted`); the relay's loop is the sweep for the rest — events
 * whose publish failed, events of a process that died before publishing, restatements, and events that had to
 * wait for an earlier one of their subject.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly overrides: Record<string, string>;
  private readonly sink?: URL;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly pollIntervalMs: number;
  private readonly sendTimeoutMs: number;
  private listener?: pg.Client;
  private running = false;
  private loop?: Promise<void>;
  /** Woken by a NOTIFY (a write committed events for the sweep) and by the shutdown. */
  private readonly signal = new WakeSignal();
  /** Publishes of committed writes and their marks in progress, awaited by the shutdown. */
  private readonly inFlight = new Set<Promise<void>>();
  /** Events published after their commit, waiting to be marked sent together. */
  private marks: string[] = [];

  constructor(
    private readonly sql: SqlDatabase,
    @Inject(PLATFORM_ENV) private readonly env: PlatformEnv,
    @Inject(MESH_OPTIONS) options: MeshOptions,
  ) {
    this.sink = env.K_SINK ? new URL(env.K_SINK) : undefined;
    this.overrides = parseCeOverrides(env.K_CE_OVERRIDES);
    this.batchSize = options.relay?.batchSize ?? 100;
    this.concurrency = options.relay?.concurrency ?? 8;
    this.pollIntervalMs = options.relay?.pollIntervalMs ?? 1000;
    this.sendTimeoutMs = options.relay?.sendTimeoutMs ?? 10_000;
    reportOutboxBacklog(async () => {
      const [{ n }] = await sql.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM mesh_outbox WHERE sent_at IS NULL',
      );
      return n;
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.sink) {
      this.logger.warn('K_SINK is not set: events stay in the outbox until the service runs with a mesh to publish to');
      return;
    }
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  /**
   * How long a write's events are leased to this process, to publish right after their commit; 0 when it does not
   * publish (no K_SINK, or stopping): then they are due at once, for the sweep.
   */
  get leaseMs(): number {
    return this.running ? this.sendTimeoutMs + LEASE_MARGIN_MS : 0;
  }

  /**
   * Publishes a committed write's leased events now, a subject's in order, and marks them sent. A failure hands the
   * subject's events to the sweep. Not awaited by the write: its caller has its answer as soon as the commit is done.
   */
  publishCommitted(events: readonly QueuedEvent[]): void {
    const leased = events.filter((e) => e.leased);
    if (!leased.length) return;
    this.track(
      this.publishLeased(leased).catch((err: Error) =>
        this.logger.warn(`Publishing committed events failed; the sweep publishes them: ${err.message}`),
      ),
    );
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Graceful shutdown: publish what is due (bounded), then stop. What remains is published after the restart. */
  async onApplicationShutdown(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    while (this.inFlight.size) await Promise.all(this.inFlight);
    this.signal.notify();
    await this.loop;
    await this.listener?.end().catch(() => {});
  }

  /** Publishes everything due now; returns how many were sent. Exposed for tests and the shutdown flush. */
  async relayOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const { sent, fetched } = await this.relayBatch();
      total += sent;
      if (fetched < this.batchSize || sent === 0) return total;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.relayOnce();
      } catch (err) {
        this.logger.error(`Outbox relay round failed, trying again: ${(err as Error).message}`);
      }
      if (!this.running) break;
      await this.signal.wait(this.pollIntervalMs);
    }
    // Final flush so a rolling restart does not leave freshly committed events waiting for the next process. What it
    // cannot publish (the mesh is down too) stays in the outbox for the next start; say so rather than hide it.
    const flushed = await this.relayOnce().catch((err: Error) =>
      this.logger.warn(`Final outbox flush failed; the next start publishes what is left: ${err.message}`),
    );
    if (flushed)
      this.logger.log(`Published ${flushed} event${flushed === 1 ? '' : 's'} from the outbox before stopping`);
  }

  private async publishLeased(events: readonly QueuedEvent[]): Promise<void> {
    await Promise.all(
      lanesBySubject(events).map(async (lane) => {
        for (const [n, event] of lane.entries()) {
          try {
            await this.publish(event);
          } catch (err) {
            await this.handToSweep(event, lane.slice(n), (err as Error).message);
            return;
          }
          meshMetrics.outboxPublished.inc({ outcome: 'sent' });
          this.marks.push(event.seq);
          if (this.marks.length === 1)
            this.track(new Promise((resolve) => setTimeout(resolve, MARK_EVERY_MS)).then(() => this.markSent()));
        }
      }),
    );
  }

  /** Marks the publishes of the last `MARK_EVERY_MS` sent, in one statement (relaxed, as every mark). */
  private async markSent(): Promise<void> {
    const seqs = this.marks;
    this.marks = [];
    await this.sql.relaxed
      .execute(MARK_SENT, [seqs])
      .catch((err: Error) =>
        this.logger.warn(
          `Marking ${seqs.length} published events sent failed; they will be sent again: ${err.message}`,
        ),
      );
  }

  private async handToSweep(failed: OutboxRow, lane: readonly OutboxRow[], error: string): Promise<void> {
    const attempts = this.failedPublish(failed, error);
    meshMetrics.outboxPublished.inc({ outcome: 'failed' });
    await this.sql.relaxed.execute(HAND_TO_SWEEP, [
      failed.seq,
      error.slice(0, 1000),
      relayBackoffMs(attempts),
      lane.map((e) => e.seq),
    ]);
  }

  /** The attempt a failed publish was, logged with when the next one comes. */
  private failedPublish(row: OutboxRow, error: string): number {
    const attempts = row.attempts + 1;
    this.logger.warn(
      `Publishing ${row.type} ${row.id} failed (attempt ${attempts}), retrying in ${relayBackoffMs(attempts)} ms: ${error}`,
    );
    return attempts;
  }

  /**
   * One round: under the relay lock, the due rows, published, marked. Relaxed, like every mark: one lost in a
   * database crash only means the event is published again, with the same id, and receivers deduplicate it; the
   * events themselves were committed durably by the writes that queued them.
   */
  private async relayBatch(): Promise<{ sent: number; fetched: number }> {
    return this.sql.relaxed.transaction(async (tx) => {
      const rows = await tx.query<OutboxRow>(DUE_ROWS, [this.batchSize]);
      const sent: string[] = [];
      const failed: { seq: string; attempts: number; error: string }[] = [];
      await this.publishInOrder(rows, sent, failed);
      if (sent.length) await tx.execute('UPDATE mesh_outbox SET sent_at = now() WHERE seq = ANY($1::bigint[])', [sent]);
      if (failed.length) await this.recordFailures(tx, failed);
      meshMetrics.outboxPublished.inc({ outcome: 'sent' }, sent.length);
      meshMetrics.outboxPublished.inc({ outcome: 'failed' }, failed.length);
      return { sent: sent.length, fetched: rows.length };
    });
  }

  private async recordFailures(
    tx: SqlClient,
    failed: { seq: string; attempts: number; error: string }[],
  ): Promise<void> {
    await tx.execute(
      `UPDATE mesh_outbox o SET attempts = f.attempts, last_error = f.error, next_attempt_at = now() + f.delay_ms * interval '1 millisecond'
         FROM unnest($1::bigint[], $2::int[], $3::text[], $4::int[]) AS f(seq, attempts, error, delay_ms)
        WHERE o.seq = f.seq`,
      [
        failed.map((f) => f.seq),
        failed.map((f) => f.attempts),
        failed.map((f) => f.error.slice(0, 1000)),
        failed.map((f) => relayBackoffMs(f.attempts)),
      ],
    );
  }

  /** One lane per subject (in order, stopping at the first failure), lanes in parallel. */
  private async publishInOrder(
    rows: OutboxRow[],
    sent: string[],
    failed: { seq: string; attempts: number; error: string }[],
  ) {
    const queue = lanesBySubject(rows);
    const worker = async () => {
      for (let lane = queue.shift(); lane; lane = queue.shift()) {
        for (const row of lane) {
          try {
            await this.publish(row);
            sent.push(row.seq);
          } catch (err) {
            const error = (err as Error).message;
            failed.push({ seq: row.seq, attempts: this.failedPublish(row, error), error });
            break;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queue.length) }, worker));
  }

  /** In the trace the event continues, so the publish shows in the ride's trace, not as a trace of its own. */
  private async publish(row: OutboxRow): Promise<void> {
    const sink = this.sink;
    if (!sink) throw new Error('K_SINK is not set');
    const headers = binaryModeHeaders({
      specversion: '1.0',
      id: row.id,
      source: row.source,
      type: row.type,
      ...(row.subject ? { subject: row.subject } : {}),
      ...(row.dataschema ? { dataschema: row.dataschema } : {}),
      time: row.created_at.toISOString(),
      datacontenttype: 'application/json',
      ...row.extensions,
      ...this.overrides,
    });
    if (this.env.MESH_TOKEN) headers.authorization = `Bearer ${this.env.MESH_TOKEN}`;
    await context.with(contextFromTraceHeaders(row.extensions), () =>
      postEvent(sink, headers, JSON.stringify(row.data), this.sendTimeoutMs),
    );
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.env.DATABASE_URL });
    client.on('notification', () => this.signal.notify());
    // A lost listener only costs latency (the poll remains); reconnect in the background.
    client.on('error', (err) => {
      this.logger.warn(`Outbox listener lost (${err.message}); polling until it reconnects`);
      this.listener = undefined;
      setTimeout(() => this.running && void this.listen().catch(() => {}), 1000);
    });
    await client.connect();
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.listener = client;
  }
}

/** The events of each subject, in order (an event without a subject is a lane of its own). */
function lanesBySubject<E extends OutboxRow>(events: readonly E[]): E[][] {
  const lanes = new Map<string, E[]>();
  for (const event of events) {
    const key = event.subject ?? `#${event.seq}`;
    const lane = lanes.get(key);
    if (lane) lane.push(event);
    else lanes.set(key, [event]);
  }
  return [...lanes.values()];
}
