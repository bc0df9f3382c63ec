import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { MeshEvent } from '@cabs/cloudevents';
import { findContract, validateData, type DataOf, type EventContract } from '@cabs/contracts';
import { contextFromTraceHeaders, SqlDatabase } from '@cabs/platform';
import { HandlerRegistry, type RegisteredHandler } from '../handlers/handler-registry.js';
import type { MeshContext, MeshReply, ReceivedEvent, ReplyOptions } from '../handlers/mesh-context.js';
import { Rejected, RetryLater } from '../handlers/mesh-errors.js';
import { meshMetrics } from '../mesh-metrics.js';
import { MESH_OPTIONS, type MeshOptions } from '../mesh-options.js';
import { Outbox } from '../publish/outbox.js';
import { UnitOfWork, type WriteContext } from '../write/unit-of-work.js';
import { OneStatement } from './one-statement.js';

/** A reply as stored in the inbox and sent back as a binary-mode CloudEvent. */
export interface StoredReply {
  id: string;
  type: string;
  source: string;
  subject?: string;
  dataschema: string;
  data: unknown;
}

/** What the HTTP layer answers: a status, and either a message (errors) or a reply event. */
export type Outcome =
  | { status: HttpStatus; outcome: 'handled' | 'duplicate'; reply?: StoredReply }
  | { status: HttpStatus; outcome: 'invalid' | 'retry' | 'rejected' | 'error'; message: string | string[] };

/** A received event's context attributes and extensions, by name. */
type Attributes = MeshEvent['attributes'];

const tracer = trace.getTracer('@cabs/mesh');

/** The inbox: one row per event handled. A redelivery finds its row (and the reply, if there was one). */
const INBOX_INSERT = 'INSERT INTO mesh_inbox (source, id, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1';
const INBOX_REPLY = 'SELECT reply FROM mesh_inbox WHERE source = $1 AND id = $2';
const INBOX_STORE_REPLY = 'UPDATE mesh_inbox SET reply = $3::jsonb WHERE source = $1 AND id = $2';

/**
 * Applies one incoming event exactly once: picks the handler for its type and version, validates the data
 * against the contract, and runs the handler in a transaction together with the inbox entry (so a redelivery is
 * recognised) and the events it emits (outbox) — or, for a handler idempotent by itself, runs its one statement
 * on its own (a redelivery does again what was done).
 */
@Injectable()
export class EventDispatcher {
  private readonly logger = new Logger('Mesh');

  constructor(
    private readonly handlers: HandlerRegistry,
    private readonly outbox: Outbox,
    private readonly work: UnitOfWork,
    private readonly sql: SqlDatabase,
    @Inject(MESH_OPTIONS) private readonly options: MeshOptions,
  ) {}

  async dispatch({ attributes, data }: MeshEvent<unknown>): Promise<Outcome> {
    const handler = this.handlerFor(attributes);
    // Label unknown types as such: hostile senders must not be able to mint metric series.
    if ('message' in handler)
      return this.count(this.handlers.forType(attributes.type).length ? attributes.type : 'unknown', {
        status: HttpStatus.BAD_REQUEST,
        outcome: 'invalid',
        message: handler.message,
      });
    const checked = validateData(handler.contract, data);
    if (!checked.ok)
      return this.count(attributes.type, {
        status: HttpStatus.BAD_REQUEST,
        outcome: 'invalid',
        message: checked.errors,
      });

    const parent = contextFromTraceHeaders({
      traceparent: attributes.traceparent,
      tracestate: attributes.tracestate,
    });
    const span = tracer.startSpan(
      `handle ${attributes.type}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'cloudevents.event_id': attributes.id,
          'cloudevents.event_source': attributes.source,
          'cloudevents.event_type': attributes.type,
          'cloudevents.event_subject': attributes.subject ?? '',
        },
      },
      parent,
    );
    const stopTimer = meshMetrics.handleDuration.startTimer({ type: attributes.type });
    try {
      return await context.with(trace.setSpan(parent, span), () => this.applyOnce(attributes, handler, checked.value));
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      return this.failure(attributes, handler, err);
    } finally {
      stopTimer();
      span.end();
    }
  }

  private handlerFor(event: Attributes): RegisteredHandler | { message: string } {
    const candidates = this.handlers.forType(event.type);
    const service = `usvc://cabs/${this.options.service}`;
    if (!candidates.length) return { message: `${service} does not handle events of type '${event.type}'` };
    const contract = findContract(event.type, event.dataschema);
    const handler = contract && candidates.find((h) => h.contract === contract);
    if (handler) return handler;
    const handled = candidates.map((h) => `v${h.contract.version} (${h.contract.dataschema})`).join(', ');
    return {
      message: `${service} handles ${event.type} ${handled}; this event's dataschema is '${event.dataschema ?? '(none)'}'`,
    };
  }

  private async applyOnce(event: Attributes, handler: RegisteredHandler, data: unknown): Promise<Outcome> {
    if (handler.idempotent) return this.applyIdempotent(event, handler, data);
    const result = await this.work.run(
      async (write) => {
        const fresh = await write.tx.query(INBOX_INSERT, [event.source, event.id, event.type]);
        if (!fresh.length) {
          const [row] = await write.tx.query<{ reply: StoredReply | null }>(INBOX_REPLY, [event.source, event.id]);
          return { duplicate: true, reply: row?.reply ?? undefined };
        }
        const reply = await handler.handle(data, this.contextFor(event, write));
        const stored = reply ? this.storeReply(reply, event) : undefined;
        if (stored) await write.tx.execute(INBOX_STORE_REPLY, [event.source, event.id, JSON.stringify(stored)]);
        return { duplicate: false, reply: stored };
      },
      { subject: event.subject },
    );
    if (result.duplicate)
      this.logger.log(`${event.type} ${event.id} from ${event.source} was already handled; acknowledged again`);
    return this.count(event.type, {
      status: result.reply ? HttpStatus.OK : HttpStatus.ACCEPTED,
      outcome: result.duplicate ? 'duplicate' : 'handled',
      reply: result.reply,
    });
  }

  /** No inbox entry, no transaction: the handler's one statement commits by itself (HandleEventOptions.idempotent). */
  private async applyIdempotent(event: Attributes, handler: RegisteredHandler, data: unknown): Promise<Outcome> {
    const refuse = (what: string) => (): never => {
      throw new Error(`${handler.name} is idempotent, so it ${what} nothing`);
    };
    await handler.handle(data, {
      event: received(event),
      tx: new OneStatement(this.sql, handler.name),
      emit: refuse('emits'),
      restate: refuse('restates'),
      reply: refuse('replies'),
    });
    return this.count(event.type, { status: HttpStatus.ACCEPTED, outcome: 'handled' });
  }

  private contextFor(event: Attributes, write: WriteContext): MeshContext {
    return {
      event: received(event),
      tx: write.tx,
      emit: write.emit,
      restate: write.restate,
      reply: <C extends EventContract>(contract: C, data: DataOf<C>, options: ReplyOptions = {}): MeshReply => ({
        contract,
        data,
        subject: options.subject ?? event.subject,
        source: options.source,
      }),
    };
  }

  private storeReply(reply: MeshReply, cause: Attributes): StoredReply {
    const checked = validateData(reply.contract, reply.data);
    if (!checked.ok)
      throw new Error(`Refusing to reply with an invalid ${reply.contract.type}: ${checked.errors.join('; ')}`);
    return {
      id: randomUUID(),
      type: reply.contract.type,
      source: reply.source ?? this.outbox.source,
      subject: reply.subject ?? cause.subject,
      dataschema: reply.contract.dataschema,
      data: reply.data,
    };
  }

  private failure(event: Attributes, handler: RegisteredHandler, err: unknown): Outcome {
    const message = (err as Error)?.message ?? String(err);
    if (err instanceof RetryLater) {
      this.logger.log(`${event.type} ${event.id}: not yet (${message}); the mesh will retry`);
      return this.count(event.type, { status: HttpStatus.CONFLICT, outcome: 'retry', message });
    }
    if (err instanceof Rejected || this.options.rejects?.some((cls) => err instanceof cls)) {
      this.logger.warn(`${event.type} ${event.id} rejected by ${handler.name}: ${message}`);
      return this.count(event.type, { status: HttpStatus.UNPROCESSABLE_ENTITY, outcome: 'rejected', message });
    }
    this.logger.error(`${event.type} ${event.id} failed in ${handler.name}: ${(err as Error)?.stack ?? message}`);
    return this.count(event.type, {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      outcome: 'error',
      message: `Handling ${event.type} failed; the mesh will retry`,
    });
  }

  private count(type: string, outcome: Outcome): Outcome {
    meshMetrics.eventsHandled.inc({ type, outcome: outcome.outcome });
    return outcome;
  }
}

const received = (event: Attributes): ReceivedEvent => ({
  id: event.id,
  source: event.source,
  type: event.type,
  subject: event.subject,
  time: event.time,
  dataschema: event.dataschema,
});
