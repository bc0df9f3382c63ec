import { randomUUID } from 'node:crypto';
import { CloudEvent, HTTP } from 'cloudevents';
import { contracts, SOURCES } from '@cabs/contracts';
import type { CompleteResult, WaitingRide } from '../../shared/console-api.js';
import type { ServiceName } from '../config.js';
import { describeFailure } from '../http/describe-failure.js';
import { requestJson, UpstreamError } from '../http/upstream.js';
import type { CompleteTracer } from '../tracing/complete-tracer.js';
import { rideRequest } from './ride-requests.js';
import type { RidesReader } from './rides-reader.js';
import { addressOnly, itemsOf, streetOf, type DriverView, type ReadTransit } from './transit-views.js';

export interface RideDeskOptions {
  services: Record<ServiceName, string>;
  /** The broker's ingress (K_SINK). */
  brokerUrl: string;
  meshToken?: string;
  tracer: CompleteTracer;
}

/**
 * What the presenter does to rides: prepare one (REST, as a rider's and a driver's apps would) and complete it
 * through the mesh (a CloudEvent to the broker, answered 202 once it is persisted).
 */
export class RideDesk {
  private requests = Math.floor(Math.random() * 1000);

  constructor(
    private readonly options: RideDeskOptions,
    private readonly reader: RidesReader,
  ) {}

  /** A ride in transit, ready to complete: requested, accepted by a free active driver, started. */
  async prepare(): Promise<WaitingRide> {
    const { transit, drivers } = this.options.services;
    const free = itemsOf(await requestJson<DriverView[] | { items: DriverView[] }>({ who: 'drivers', url: `${drivers}/drivers?status=active&occupied=false&limit=100` }));
    if (!free.length) throw new UpstreamError(409, 'every active driver is on a ride: complete one first, or register and activate another driver (POST /drivers, then /activate)');
    const n = this.requests++;
    const driver = free[n % free.length];
    const requested = await requestJson<ReadTransit>({ who: 'transit', method: 'POST', url: `${transit}/transits`, body: rideRequest(n) });
    await requestJson({ who: 'transit', method: 'POST', url: `${transit}/transits/${requested.id}/accept`, body: { driverId: driver.id } });
    const started = await requestJson<ReadTransit>({ who: 'transit', method: 'POST', url: `${transit}/transits/${requested.id}/start` });
    return { id: started.id, clientName: started.clientName, from: streetOf(started.pickup), to: streetOf(started.destination), estimatedPrice: started.estimatedPrice };
  }

  /** Sends CompleteTransit for the ride at its destination; the broker's status is the answer, whatever it is. */
  async complete(transitId: string): Promise<CompleteResult> {
    const ride = await this.reader.transit(transitId);
    const id = randomUUID();
    const traced = this.options.tracer.begin(ride.id, id);
    const event = new CloudEvent({
      id,
      source: SOURCES.console,
      type: contracts.completeTransit.type,
      dataschema: contracts.completeTransit.dataschema,
      subject: ride.id,
      datacontenttype: 'application/json',
      data: { transitId: ride.id, destination: addressOnly(ride.destination) },
      ...(traced.traceparent ? { traceparent: traced.traceparent } : {}),
    });
    const message = HTTP.binary(event);
    const { brokerUrl, meshToken } = this.options;
    const started = performance.now();
    let response: Response;
    try {
      response = await fetch(brokerUrl, {
        method: 'POST',
        headers: { ...(message.headers as Record<string, string>), ...(meshToken ? { authorization: `Bearer ${meshToken}` } : {}) },
        body: message.body as string,
        signal: AbortSignal.timeout(5000),
      });
    } catch (err) {
      const error = `the broker is not answering: ${describeFailure(brokerUrl, err)}`;
      traced.end({ error });
      throw new UpstreamError(502, error);
    }
    const ms = Math.round(performance.now() - started);
    traced.end({ status: response.status });
    const said = messageIn(await response.text());
    return {
      status: response.status,
      statusText: response.statusText,
      eventId: event.id,
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
