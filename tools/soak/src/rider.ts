import { randomUUID } from 'node:crypto';
import { CloudEvent, HTTP } from 'cloudevents';
import { rideRequest } from '@cabs/client';
import { contracts } from '@cabs/contracts';
import { pause } from './pause.js';

/** Where the riders' apps reach the system: the REST API of transit and the mesh's ingress. */
export interface RiderEndpoints {
  transit: string;
  ingress: string;
  /** The mesh token, when the system runs with one. */
  token?: string;
}

/** Everything the riders saw, across all rides. */
export class RiderLedger {
  /** Answers by request and status, e.g. `POST /transits 201`. */
  readonly answers = new Map<string, number>();
  /** Requests that got no answer at all (connection refused or reset: a process restarting) and were sent again. */
  noAnswer = 0;
  /** 5xx answers a rider had to retry (e.g. the broker could not store during the database restart). */
  retried5xx = 0;

  count(label: string, status: number): void {
    this.answers.set(`${label} ${status}`, (this.answers.get(`${label} ${status}`) ?? 0) + 1);
  }

  /** Every answer with a status of 300 or more. */
  failures(): [string, number][] {
    return [...this.answers].filter(([key]) => Number(key.split(' ').at(-1)) >= 300);
  }
}

export interface RiderPolicy {
  /** Retry 5xx answers (chaos: the database restarts) instead of failing the ride. */
  retry5xx: boolean;
  /** Give up on one request after this long. */
  patienceMs: number;
}

class RideFailed extends Error {}

/**
 * A rider's app: each request is sent again while nothing answers (the process is restarting) — with the same
 * CloudEvent id for the command, so the mesh can deduplicate — and, if the policy says so, while the answer is a 5xx.
 */
export class Rider {
  constructor(
    private readonly endpoints: RiderEndpoints,
    private readonly ledger: RiderLedger,
    private readonly policy: RiderPolicy,
  ) {}

  /** Requests, accepts (by `driverId`), starts and completes one ride; resolves with its id once the mesh said 202. */
  async ride(n: number, driverId: string, onCreated: (id: string) => void = () => {}): Promise<string> {
    const requested = await this.send('POST /transits', 'POST', `${this.endpoints.transit}/transits`, rideRequest(n));
    if (requested.status !== 201)
      throw new RideFailed(`POST /transits answered ${requested.status}: ${requested.text}`);
    const { id, destination } = JSON.parse(requested.text) as { id: string; destination: Record<string, unknown> };
    onCreated(id);
    await this.step(id, 'accept', { driverId }, 'driver-assigned');
    await this.step(id, 'start', undefined, 'in-transit');
    await this.complete(id, destination);
    return id;
  }

  /** A lifecycle step; a 409 after a try with no answer or a 5xx may be that try having worked: the ride says. */
  private async step(id: string, step: 'accept' | 'start', body: unknown, reached: string): Promise<void> {
    const answer = await this.send(
      `POST /transits/:id/${step}`,
      'POST',
      `${this.endpoints.transit}/transits/${id}/${step}`,
      body,
    );
    if (answer.status === 200) return;
    if (answer.status === 409 && answer.uncertain) {
      const now = await this.send('GET /transits/:id', 'GET', `${this.endpoints.transit}/transits/${id}`);
      if (now.status === 200 && (JSON.parse(now.text) as { status: string }).status === reached) return;
    }
    throw new RideFailed(`${step} of ${id} answered ${answer.status}: ${answer.text}`);
  }

  private async complete(id: string, destination: Record<string, unknown>): Promise<void> {
    const { id: _addressId, ...address } = destination;
    const event = new CloudEvent({
      id: randomUUID(),
      source: 'usvc://cabs/soak-rider',
      type: contracts.completeTransit.type,
      dataschema: contracts.completeTransit.dataschema,
      subject: id,
      datacontenttype: 'application/json',
      data: { transitId: id, destination: address },
    });
    const message = HTTP.binary(event);
    const headers = {
      ...(message.headers as Record<string, string>),
      ...(this.endpoints.token ? { authorization: `Bearer ${this.endpoints.token}` } : {}),
    };
    const answer = await this.send(
      'POST ingress complete-transit',
      'POST',
      this.endpoints.ingress,
      message.body as string,
      headers,
    );
    if (answer.status !== 202)
      throw new RideFailed(`complete-transit of ${id} answered ${answer.status}: ${answer.text}`);
  }

  private async send(label: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const deadline = Date.now() + this.policy.patienceMs;
    // Whether an earlier try may have done the work though its answer was lost (no answer, or a 5xx).
    let uncertain = false;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
          body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (err) {
        this.ledger.noAnswer++;
        uncertain = true;
        if (Date.now() > deadline)
          throw new RideFailed(
            `${label}: no answer for ${this.policy.patienceMs / 1000} s (${(err as Error).message})`,
          );
        await pause(backoff(attempt));
        continue;
      }
      const text = await response.text();
      this.ledger.count(label, response.status);
      if (response.status >= 500 && this.policy.retry5xx && Date.now() < deadline) {
        this.ledger.retried5xx++;
        uncertain = true;
        await pause(backoff(attempt));
        continue;
      }
      return { status: response.status, text, uncertain };
    }
  }
}

/** A rider's app retries quickly at first, then every 2 s, with jitter so that riders do not move in lockstep. */
const backoff = (attempt: number) => Math.min(2000, 50 * 2 ** attempt) * (0.5 + Math.random() / 2);
