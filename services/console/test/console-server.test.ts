import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import { pino } from 'pino';
import { fetchJson } from '@cabs/client';
import { createServiceDatabase, EventSink, freePort, sendEvent, waitFor } from '@cabs/testing';
import type { DeadLetter } from '../src/shared/console-api.js';
import { consoleConfigFromEnv } from '../src/server/config.js';
import { startConsole, type RunningConsole } from '../src/server/console-server.js';
import { startBrokerProcess, type BrokerProcess } from './support/broker-process.js';
import { PageStream } from './support/page-stream.js';

const TOKEN = 'console-test-token';
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

/** mesh-config with one Trigger to a subscriber that the tests make fail; two retries so dead letters come fast. */
async function meshConfig(subscriberUrl: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'console-mesh-config-'));
  const broker = {
    apiVersion: 'eventing.knative.dev/v1',
    kind: 'Broker',
    metadata: { name: 'default', namespace: 'cabs' },
    spec: { delivery: { retry: 2, backoffPolicy: 'linear', backoffDelay: 'PT0.05S' } },
  };
  const trigger = {
    apiVersion: 'eventing.knative.dev/v1',
    kind: 'Trigger',
    metadata: { name: 'invoicing-issue-invoice', namespace: 'cabs' },
    spec: {
      broker: 'default',
      filter: { attributes: { type: 'cabs.invoicing.issue-invoice' } },
      subscriber: { uri: subscriberUrl },
    },
  };
  await writeFile(join(dir, 'mesh.yaml'), [broker, trigger].map((d) => JSON.stringify(d)).join('\n---\n'));
  return dir;
}

/** The console's server against the real broker (its own process), a real subscriber, and real HTTP throughout. */
describe('the console server', () => {
  let invoicing: EventSink;
  let broker: BrokerProcess;
  let running: RunningConsole;
  let consoleUrl: string;
  const pages: PageStream[] = [];

  const openPage = async () => {
    const page = await PageStream.open(`${consoleUrl}/api/stream`);
    pages.push(page);
    return page;
  };
  const issueInvoice = (subject: string, extensions: Record<string, string> = {}) =>
    sendEvent(
      broker.ingressUrl,
      { type: 'cabs.invoicing.issue-invoice', subject, data: { transitId: subject }, ...extensions },
      { headers: { authorization: `Bearer ${TOKEN}` } },
    );
  const api = async <T>(method: 'GET' | 'POST', path: string) => {
    const { status, body } = await fetchJson<T>(method, `${consoleUrl}${path}`);
    return { status, body };
  };

  beforeAll(async () => {
    invoicing = await EventSink.start();
    broker = await startBrokerProcess({
      DATABASE_URL: await createServiceDatabase(inject('pg'), 'broker'),
      MESH_CONFIG: await meshConfig(invoicing.url),
      MESH_TOKEN: TOKEN,
    });
    const webDir = await mkdtemp(join(tmpdir(), 'console-web-'));
    await writeFile(join(webDir, 'index.html'), '<!doctype html><title>console</title>');
    const nothing = `http://127.0.0.1:${await freePort()}`;
    const config = consoleConfigFromEnv(
      {
        HOST: '127.0.0.1',
        PORT: '0',
        K_SINK: broker.ingressUrl,
        BROKER_ADMIN_URL: broker.adminUrl,
        MESH_TOKEN: TOKEN,
        TRACING_UI_URL: 'http://localhost:16686',
        HEALTH_POLL_INTERVAL: 'PT0.2S',
        // The subscriber stands where invoicing would be; nothing answers for transit and drivers.
        INVOICING_URL: invoicing.url,
        TRANSIT_URL: nothing,
        DRIVERS_URL: nothing,
        SEED_DEMO_DATA: 'true',
      },
      webDir,
    );
    running = await startConsole(config, pino({ level: 'silent' }));
    consoleUrl = running.url;
  });
  afterAll(async () => {
    for (const page of pages) page.close();
    await running?.close();
    await broker?.stop();
    await invoicing?.close();
  });
  const showBrokerOnFailure = () => onTestFailed(() => console.log(broker.output.join('')));

  it('relays the broker’s activity to every page, with the trace of each event', async () => {
    showBrokerOnFailure();
    const [first, second] = [await openPage(), await openPage()];
    await first.meshConnected();
    expect((await issueInvoice('ride-1', { traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` })).status).toBe(202);

    for (const page of [first, second]) {
      const accepted = await page.next('activity', (a) => a.kind === 'event.accepted' && a.subject === 'ride-1');
      expect(accepted.triggers).toEqual(['invoicing-issue-invoice']);
      await page.next('activity', (a) => a.kind === 'delivery.succeeded' && a.subject === 'ride-1');
      expect(await page.next('trace', (t) => t.eventId === accepted.eventId)).toEqual({
        eventId: accepted.eventId,
        traceId: TRACE_ID,
      });
    }

    // A page opened later is shown what just happened, and which service each Trigger delivers to.
    const later = await openPage();
    const [hello] = later.messages;
    expect(hello.event).toBe('hello');
    if (hello.event !== 'hello') return;
    expect(hello.data.recent.filter((a) => a.subject === 'ride-1').map((a) => a.kind)).toEqual([
      'event.accepted',
      'delivery.attempted',
      'delivery.succeeded',
    ]);
    expect(hello.data.settings).toMatchObject({
      tracingUiUrl: 'http://localhost:16686',
      triggerServices: { 'invoicing-issue-invoice': 'invoicing' },
    });
    expect(hello.data.settings.eventKinds['cabs.transit.complete-transit']).toBe('command');
  });

  it('pushes service health: the broker up, a service that does not answer down', async () => {
    const page = await openPage();
    const health = await page.next('health', (h) => h.some((s) => s.name === 'broker' && s.state === 'up'));
    expect(health.find((s) => s.name === 'transit')).toMatchObject({ state: 'down', detail: 'connection refused' });
    expect(health.map((s) => s.name)).toEqual(['broker', 'transit', 'drivers', 'fees', 'invoicing', 'notifications']);
  });

  it('shows dead letters with the subscriber’s answer, and redrives one, then all, with the mesh token', async () => {
    showBrokerOnFailure();
    const page = await openPage();
    invoicing.respondWith(503);
    await issueInvoice('ride-2');
    const died = await page.next('activity', (a) => a.kind === 'delivery.dead-lettered' && a.subject === 'ride-2');
    expect(died).toMatchObject({ attempt: 3, maxAttempts: 3, status: 503 });

    const { body: letters } = await api<DeadLetter[]>('GET', '/api/dead-letters');
    expect(letters).toEqual([
      expect.objectContaining({
        deliveryId: Number(died.deliveryId),
        trigger: 'invoicing-issue-invoice',
        subscriber: 'invoicing',
        subject: 'ride-2',
        attempts: 3,
        lastStatus: 503,
        lastError: 'HTTP 503',
      }),
    ]);

    invoicing.respondWith(202);
    expect(await api('POST', `/api/dead-letters/${died.deliveryId}/redrive`)).toEqual({
      status: 200,
      body: { redriven: 1, deliveries: [Number(died.deliveryId)] },
    });
    await page.next('activity', (a) => a.kind === 'delivery.redriven' && a.deliveryId === died.deliveryId);
    await page.next('activity', (a) => a.kind === 'delivery.succeeded' && a.subject === 'ride-2');
    expect((await api<DeadLetter[]>('GET', '/api/dead-letters')).body).toEqual([]);

    // Only a dead delivery can be redriven: the broker's refusal reaches the page as it is.
    const again = await api<{ message: string }>('POST', `/api/dead-letters/${died.deliveryId}/redrive`);
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/it is delivered; only dead deliveries can be redriven/);

    invoicing.respondWith(500);
    await Promise.all([issueInvoice('ride-3'), issueInvoice('ride-4')]);
    await page.next('activity', (a) => a.kind === 'delivery.dead-lettered' && a.subject === 'ride-3');
    await page.next('activity', (a) => a.kind === 'delivery.dead-lettered' && a.subject === 'ride-4');
    invoicing.respondWith(202);
    expect(await api('POST', '/api/dead-letters/redrive')).toMatchObject({ status: 200, body: { redriven: 2 } });
    await page.next('activity', (a) => a.kind === 'delivery.succeeded' && a.subject === 'ride-4');
    await page.next('activity', (a) => a.kind === 'delivery.succeeded' && a.subject === 'ride-3');
  });

  it('is ready while the demo data waits for transit and drivers, and says who does not answer when asked for a new ride', async () => {
    expect((await api('GET', '/health/ready')).status).toBe(200);
    const { status, body } = await api<{ message: string }>('POST', '/api/rides');
    expect(status).toBe(502);
    expect(body.message).toMatch(/^Nothing answers at http:\/\/127\.0\.0\.1:\d+ \(connection refused\)$/);
  });

  it('offers the demo places as destinations, refuses any other with 400, and says when transit does not answer', async () => {
    const places = await api<string[]>('GET', '/api/places');
    expect(places.body).toContain('Żwirki i Wigury 1');
    const choose = (to: unknown) =>
      fetch(`${consoleUrl}/api/rides/6a0c9b1e-2f4d-4e8a-9c3b-5d7e1f2a3b01/destination`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ to }),
      });
    const elsewhere = await choose('Baker Street 221B');
    expect(elsewhere.status).toBe(400);
    expect(((await elsewhere.json()) as { message: string }).message).toMatch(
      /^'Baker Street 221B' is not one of the demo's places: .*Żwirki i Wigury 1/,
    );
    expect((await choose(42)).status).toBe(400);
    const unanswered = await choose('Żwirki i Wigury 1');
    expect(unanswered.status).toBe(502);
    expect(((await unanswered.json()) as { message: string }).message).toMatch(
      /^Nothing answers at http:\/\/127\.0\.0\.1:\d+ \(connection refused\)$/,
    );
  });

  it('says which id is wrong instead of asking the broker', async () => {
    const { status, body } = await api<{ message: string }>('POST', '/api/dead-letters/not-a-number/redrive');
    expect(status).toBe(400);
    expect(body.message).toMatch(/params\/id must match pattern/);
  });

  it('reconnects to the broker’s stream when the broker restarts, and tells the pages', async () => {
    showBrokerOnFailure();
    const page = await openPage();
    await broker.restart();
    await waitFor('the pages to be told the broker’s stream was lost, then back', () => {
      const links = page.messages.flatMap((m) => (m.event === 'mesh' ? [m.data.connected] : []));
      return links.indexOf(false) >= 0 && links.lastIndexOf(true) > links.indexOf(false);
    });
    await issueInvoice('ride-5');
    await page.next('activity', (a) => a.kind === 'delivery.succeeded' && a.subject === 'ride-5');
  });
});
