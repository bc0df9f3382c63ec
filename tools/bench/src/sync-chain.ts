/*
 * THE COUNTER-EXAMPLE. This is not how Cabs works; it is the naive split the event mesh replaces, kept here
 * only to be measured against it. An orchestrator (in the rider's request) calls each service directly and
 * synchronously in turn — each command POSTed straight to the service's `POST /` as a CloudEvent, the way the
 * upstream demo's compose file wires it without a broker — and the rider's request fails if any call fails.
 * A ride whose chain broke after complete-transit stays completed but unsettled: nobody calls again.
 */
import { randomUUID } from 'node:crypto';
import { CloudEvent, HTTP } from 'cloudevents';
import { contracts, issueInvoiceV2, type DataOf, type EventContract } from '@cabs/contracts';
import { addressOnly, requestJson, type Money, type Transit } from '@cabs/client';
import type { SystemPorts } from '@cabs/devstack';

const SOURCE = 'usvc://cabs/bench-orchestrator';
const CALL_TIMEOUT_MS = 10_000;
/** The rate transit's own issue-invoice carries (passenger transport in Poland, 8 %): the same command as the mesh's. */
const PASSENGER_TRANSPORT_VAT = { basisPoints: 800 };

export type ChainStep = 'complete-transit' | 'read-transit' | 'calculate-fee' | 'issue-invoice' | 'free-driver';

export interface ChainOutcome {
  ok: boolean;
  /** The call that failed, when one did, and why. */
  failedAt?: string;
  /** How long each call took, in order. */
  steps: [ChainStep, number][];
}

/** A ride transit has completed: its driver, price and time are known. */
type CompletedTransit = Transit & { driverId: string; price: Money; completedAt: string };

class CallFailed extends Error {
  constructor(
    readonly step: ChainStep,
    message: string,
  ) {
    super(message);
  }
}

/** One command straight to a service's CloudEvents endpoint; anything but 2xx fails the chain. */
async function command<C extends EventContract>(
  step: ChainStep,
  port: number,
  contract: C,
  subject: string,
  data: DataOf<C>,
): Promise<void> {
  const message = HTTP.binary(
    new CloudEvent({
      id: randomUUID(),
      source: SOURCE,
      type: contract.type,
      dataschema: contract.dataschema,
      subject,
      datacontenttype: 'application/json',
      data,
    }),
  );
  const res = await fetch(`http://127.0.0.1:${port}/`, {
    method: 'POST',
    headers: message.headers as Record<string, string>,
    body: message.body as string,
    signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
  }).catch((err: Error) => {
    throw new CallFailed(step, (err.cause as Error | undefined)?.message ?? err.message);
  });
  await res.arrayBuffer();
  if (!res.ok) throw new CallFailed(step, `answered ${res.status}`);
}

/** Completes a ride the old way: complete, read it back, then fee, invoice and driver, one after the other. */
export async function completeSynchronously(
  ports: SystemPorts,
  ride: Pick<Transit, 'id' | 'destination'>,
): Promise<ChainOutcome> {
  const steps: [ChainStep, number][] = [];
  const timed = async <T>(step: ChainStep, call: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await call();
    steps.push([step, performance.now() - started]);
    return result;
  };
  try {
    await timed('complete-transit', () =>
      command('complete-transit', ports.transit, contracts.completeTransit, ride.id, {
        transitId: ride.id,
        destination: addressOnly(ride.destination),
      }),
    );
    const t = await timed('read-transit', () =>
      requestJson<CompletedTransit>('GET', `http://127.0.0.1:${ports.transit}/transits/${ride.id}`).catch(
        (err: Error) => {
          throw new CallFailed('read-transit', err.message);
        },
      ),
    );
    await timed('calculate-fee', () =>
      command('calculate-fee', ports.fees, contracts.calculateFee, t.id, {
        transitId: t.id,
        driverId: t.driverId,
        transitPrice: t.price,
        completedAt: t.completedAt,
      }),
    );
    await timed('issue-invoice', () =>
      command('issue-invoice', ports.invoicing, issueInvoiceV2, t.id, {
        transitId: t.id,
        clientId: t.clientId,
        clientName: t.clientName,
        gross: t.price,
        taxRate: PASSENGER_TRANSPORT_VAT,
      }),
    );
    await timed('free-driver', () =>
      command('free-driver', ports.drivers, contracts.freeDriver, t.id, { driverId: t.driverId, transitId: t.id }),
    );
    return { ok: true, steps };
  } catch (err) {
    if (err instanceof CallFailed) return { ok: false, failedAt: `${err.step} (${err.message})`, steps };
    throw err;
  }
}
