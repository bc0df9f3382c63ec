import { randomUUID } from 'node:crypto';
import { SOURCES } from '@cabs/contracts';
import {
  changeDestination,
  completeThroughMesh,
  PLACES,
  prepareRide,
  type CompleteTracer,
  type MeshAnswer,
} from '@cabs/client';
import type { CompleteResult, DestinationResult, WaitingRide } from '../../shared/console-api.js';
import type { ServiceName } from '../config.js';
import { asUpstreamError, UpstreamError } from '../http/upstream.js';
import type { RidesReader } from './rides-reader.js';
import { streetOf } from './street-of.js';

export interface RideDeskOptions {
  services: Record<ServiceName, string>;
  /** The broker's ingress (K_SINK). */
  brokerUrl: string;
  meshToken?: string;
  tracer: CompleteTracer;
}

/**
 * What the presenter does to rides: prepare one (REST, as a rider's and a driver's apps would), send it elsewhere
 * (transit queues UpdateDestination for the mesh) and complete it through the mesh (a CloudEvent to the broker,
 * answered 202 once it is persisted).
 */
export class RideDesk {
  private requests = Math.floor(Math.random() * 1000);

  constructor(
    private readonly options: RideDeskOptions,
    private readonly reader: RidesReader,
  ) {}

  /** A ride in transit, ready to complete: the demo's next ride request, accepted by a free active driver, started. */
  async prepare(): Promise<WaitingRide> {
    const started = await prepareRide(this.options.services, this.requests++).catch((err: unknown) => {
      throw asUpstreamError(err);
    });
    return {
      id: started.id,
      clientName: started.clientName,
      from: streetOf(started.pickup),
      to: streetOf(started.destination),
      estimatedPrice: started.estimatedPrice,
    };
  }

  /** The demo's places a ride can be sent to, by the names the page shows. */
  places(): string[] {
    return PLACES.map(streetOf);
  }

  /** The rider goes to one of the demo's places instead: transit answers 202 once UpdateDestination is queued. */
  async changeDestination(transitId: string, to: string): Promise<DestinationResult> {
    const place = PLACES.find((p) => streetOf(p) === to);
    if (!place) throw new UpstreamError(400, `'${to}' is not one of the demo's places: ${this.places().join(', ')}`);
    const started = performance.now();
    await changeDestination(this.options.services.transit, transitId, place).catch((err: unknown) => {
      throw asUpstreamError(err);
    });
    return { status: 202, statusText: 'Accepted', ms: Math.round(performance.now() - started), to };
  }

  /** Sends CompleteTransit for the ride at its destination; the broker's status is the answer, whatever it is. */
  async complete(transitId: string): Promise<CompleteResult> {
    const ride = await this.reader.transit(transitId);
    // The trace names the event, so its id is chosen here.
    const id = randomUUID();
    const traced = this.options.tracer.begin(ride.id, id);
    const { brokerUrl, meshToken } = this.options;
    const started = performance.now();
    let answer: MeshAnswer;
    try {
      answer = await completeThroughMesh(brokerUrl, ride, {
        id,
        source: SOURCES.console,
        token: meshToken,
        traceparent: traced.traceparent,
        timeoutMs: 5000,
      });
    } catch (err) {
      const error = `the broker is not answering: ${(err as Error).message}`;
      traced.end({ error });
      throw new UpstreamError(502, error);
    }
    const ms = Math.round(performance.now() - started);
    traced.end({ status: answer.status });
    const said = messageIn(answer.body);
    return {
      status: answer.status,
      statusText: answer.statusText,
      eventId: answer.eventId,
      ms,
      ...(said ? { message: said } : {}),
      ...(traced.traceId ? { traceId: traced.traceId } : {}),
    };
  }
}

/** The broker answers errors as JSON with a message; 202 has no body. */
function messageIn(text: string): string | undefined {
  if (!text) return undefined;
  try {
    return (JSON.parse(text) as { message?: string }).message ?? text;
  } catch {
    return text;
  }
}
