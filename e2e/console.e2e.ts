import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { parseAllDocuments, stringify } from 'yaml';
import { DRIVERS, itemsOf, requestJson, type Driver } from '@cabs/client';
import { workspaceRoot } from '@cabs/postgres';
import { waitFor } from '@cabs/testing';
import { startTestSystem, type TestSystem } from './support/test-system.js';

/** Debian's Chromium, driven headless; never a browser download (see docs/decisions/0009-console.md). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * The real mesh-config, except that notifications' Triggers give up after one retry: a stopped notifications
 * service makes dead letters in a moment, while invoicing keeps the Broker's real retry budget (minutes).
 */
function meshConfigWithImpatientNotifications(): string {
  const source = join(workspaceRoot(), 'mesh-config');
  const dir = mkdtempSync(join(tmpdir(), 'cabs-console-mesh-'));
  for (const file of readdirSync(source).filter((f) => /\.ya?ml$/.test(f))) {
    const docs = parseAllDocuments(readFileSync(join(source, file), 'utf8')).map((d) => d.toJS());
    if (!docs.some((d) => d?.kind === 'Trigger')) {
      copyFileSync(join(source, file), join(dir, file));
      continue;
    }
    const impatient = { retry: 1, backoffPolicy: 'linear', backoffDelay: 'PT0.1S' };
    const changed = docs.map((d) =>
      d?.kind === 'Trigger' && d.metadata.name.startsWith('notifications-')
        ? { ...d, spec: { ...d.spec, delivery: impatient } }
        : d,
    );
    writeFileSync(join(dir, file), changed.map((d) => stringify(d)).join('---\n'));
  }
  return dir;
}

/**
 * The console in a real browser against the real system (broker, five services, console as processes): what a
 * presenter does on stage — complete a ride, stop invoicing and watch the retries, bring it back, redrive.
 */
/** Where every process exports its spans (OTLP over HTTP): a tracing backend's front door, recording what arrives. */
async function startSpanReceiver(): Promise<{ url: string; bodies: Buffer[]; close(): Promise<void> }> {
  const bodies: Buffer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/traces') bodies.push(Buffer.concat(chunks));
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const TRACING_UI = 'http://localhost:16686';

describe('the mesh console in a browser', () => {
  let system: TestSystem;
  let spans: Awaited<ReturnType<typeof startSpanReceiver>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    spans = await startSpanReceiver();
    system = await startTestSystem({
      meshConfig: meshConfigWithImpatientNotifications(),
      // As docker-compose.yml starts it: the console seeds the demo's data on its first start.
      env: {
        TRACING_UI_URL: TRACING_UI,
        OTEL_EXPORTER_OTLP_ENDPOINT: spans.url,
        OTEL_BSP_SCHEDULE_DELAY: '200',
        SEED_DEMO_DATA: 'true',
      },
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.setDefaultTimeout(30_000);
    await page.goto(`http://127.0.0.1:${system.ports.console}/`);
    await page.locator('.link-state--live').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    await spans?.close();
  });
  const dumpOnFailure = () =>
    onTestFailed(async () => {
      console.log(system.logs.slice(-120).join('\n'));
      await page
        .screenshot({ path: join(tmpdir(), 'console-e2e-failure.png') })
        .then(() => console.log(`screenshot: ${join(tmpdir(), 'console-e2e-failure.png')}`));
    });

  /** "New ride" on the page; the new ride is the first waiting one. Returns its id. */
  const newRide = async (): Promise<string> => {
    const before = await page.locator('.ride').count();
    await page.getByRole('button', { name: 'New ride' }).click();
    await waitFor('the new ride in the waiting list', async () => (await page.locator('.ride').count()) > before);
    return (await page.locator('.ride').first().getAttribute('data-ride')) as string;
  };
  const complete = async (ride: string) => {
    await page.locator(`.ride[data-ride="${ride}"]`).getByRole('button', { name: 'Complete' }).click();
    return page.locator(`.settlement[data-ride="${ride}"] .answer`).textContent();
  };
  const step = (ride: string, name: string) => page.locator(`.settlement[data-ride="${ride}"] [data-step="${name}"]`);
  const delivery = (ride: string, trigger: string) =>
    page.locator(`.group[data-subject="${ride}"] .delivery[data-trigger="${trigger}"]`);
  const tile = (service: string) => page.locator(`.tile[data-service="${service}"]`);

  it('seeds the demo on its first start, through the services: active drivers, and rides waiting on the page', async () => {
    dumpOnFailure();
    await waitFor('the console to say it seeded', () =>
      system.logs.some((line) => line.includes(`demo data: seeded ${DRIVERS.length} drivers and 3 rides`)),
    );
    await waitFor(
      'the three seeded rides waiting on the page',
      async () => (await page.locator('.ride').count()) === 3,
    );
    const active = itemsOf(
      await requestJson<Driver[] | { items: Driver[] }>(
        'GET',
        `${system.urls.drivers}/drivers?status=active&limit=100`,
      ),
    );
    expect(active.map((d) => d.lastName).sort()).toEqual(DRIVERS.map((d) => d.lastName).sort());
  });

  it('completes a ride from the page: 202 Accepted at once, then the settlement fills in', async () => {
    dumpOnFailure();
    const ride = await newRide();
    expect(await complete(ride)).toMatch(/^202 Accepted · \d+ ms$/);

    await step(ride, 'fee').and(page.locator('[data-done="true"]')).waitFor();
    await step(ride, 'invoice').and(page.locator('[data-done="true"]')).waitFor();
    await step(ride, 'driver').and(page.locator('[data-done="true"]')).waitFor();
    expect(await step(ride, 'fee').locator('.step-value').textContent()).toMatch(/^PLN \d+\.\d\d$/);
    expect(await step(ride, 'invoice').locator('.step-value').textContent()).toMatch(/^\d{4}\/\d+$/);
    // Ride completed, invoice issued, fee calculated: three messages.
    await waitFor(
      'three notifications about the ride',
      async () => (await step(ride, 'notifications').locator('.step-value').textContent()) === '3',
    );
    await page.locator(`.group[data-subject="${ride}"][data-state="settled"]`).waitFor();
  });

  it('sends a waiting ride elsewhere from its card: 202 from transit, the command through the mesh, the new route and estimate on the card', async () => {
    dumpOnFailure();
    const ride = await newRide();
    const card = page.locator(`.ride[data-ride="${ride}"]`);
    const estimateBefore = await card.locator('.ride-price').textContent();
    const choice = card.getByRole('combobox', { name: /^Another destination for / });
    const to = (await choice.locator('option').nth(1).textContent()) as string;
    await choice.selectOption(to);

    expect(await card.locator('.answer').textContent()).toMatch(/^202 Accepted · \d+ ms$/);
    // transit queued UpdateDestination; the broker delivered it back to transit, and the card follows.
    await delivery(ride, 'transit-update-destination').and(page.locator('[data-state="delivered"]')).waitFor();
    await waitFor('the new destination on the card', async () =>
      (await card.locator('.ride-route').textContent())?.endsWith(`→ ${to}`),
    );
    const estimate = await card.locator('.ride-price').textContent();
    expect(estimate).not.toBe(estimateBefore);

    // Completed there, the ride is priced as the card estimated it.
    expect(await complete(ride)).toMatch(/^202 Accepted/);
    await page
      .locator(`.settlement[data-ride="${ride}"] .settlement-price`)
      .and(page.getByText(estimate as string, { exact: true }))
      .waitFor();
  });

  it('starts the ride’s trace at "Complete", exports it, and links it from the ride and from its event', async () => {
    dumpOnFailure();
    const ride = await newRide();
    await complete(ride);
    const href = await page.locator(`.settlement[data-ride="${ride}"] .trace-link`).getAttribute('href');
    const traceId = /^http:\/\/localhost:16686\/trace\/([0-9a-f]{32})$/.exec(href ?? '')?.[1];
    expect(traceId, `trace link ${href}`).toBeDefined();

    // The broker stored the event with its traceparent; the console found it there.
    const event = page.locator(`.group[data-subject="${ride}"] .event[data-type="cabs.transit.complete-transit"]`);
    expect(await event.locator('.trace-link').getAttribute('href')).toBe(`${TRACING_UI}/trace/${traceId}`);
    // OTLP/HTTP carries trace ids as hex in JSON, as bytes in protobuf.
    const carries = (body: Buffer) =>
      body.includes(traceId as string) || body.includes(Buffer.from(traceId as string, 'hex'));
    await waitFor('the console’s span in the exported traces', () =>
      spans.bodies.some((b) => carries(b) && b.includes('send cabs.transit.complete-transit')),
    );
  });

  it('stopping invoicing turns its tile down and the ride’s invoice delivery amber with a live countdown; starting it delivers', async () => {
    dumpOnFailure();
    await system.supervisor.stop('invoicing');
    await tile('invoicing').and(page.locator('[data-state="down"]')).waitFor();
    expect(await tile('invoicing').locator('.tile-state').textContent()).toBe('down');
    expect(await tile('fees').getAttribute('data-state')).toBe('up');

    const ride = await newRide();
    expect(await complete(ride)).toMatch(/^202 Accepted/);
    const invoice = delivery(ride, 'invoicing-issue-invoice');
    await waitFor('the invoice delivery to show its failed attempt and the next one, in amber', async () => {
      const [text, tone] = [await invoice.textContent(), await invoice.getAttribute('class')];
      return /attempt \d+ of 11 failed · next in \d+(\.\d)? s/.test(text ?? '') && tone?.includes('delivery--warn');
    });
    // The rest of the ride settles meanwhile; the invoice waits.
    await step(ride, 'fee').and(page.locator('[data-done="true"]')).waitFor();
    expect(await step(ride, 'invoice').getAttribute('data-done')).toBe('false');

    // The countdown runs: the readings change while the room watches.
    const readings = new Set<string>();
    await waitFor('the countdown to tick', async () => {
      for (const text of await invoice.locator('.countdown').allTextContents()) readings.add(text);
      return readings.size >= 3;
    });
    if (process.env.CONSOLE_SCREENSHOT) await page.screenshot({ path: process.env.CONSOLE_SCREENSHOT });

    await system.supervisor.start('invoicing');
    await tile('invoicing').and(page.locator('[data-state="up"]')).waitFor();
    await invoice.and(page.locator('[data-state="delivered"]')).waitFor({ timeout: 60_000 });
    expect(await invoice.textContent()).toMatch(/delivered on attempt \d+/);
    await step(ride, 'invoice').and(page.locator('[data-done="true"]')).waitFor();
  });

  it('a delivery out of retries is a dead letter with the reason; Redrive sends it again', async () => {
    dumpOnFailure();
    await system.supervisor.stop('notifications');
    await tile('notifications').and(page.locator('[data-state="down"]')).waitFor();
    const ride = await newRide();
    await complete(ride);

    const letter = page.locator('.letter[data-trigger="notifications-transit-completed"]');
    await letter.waitFor();
    expect(await letter.locator('.letter-status').textContent()).toBe('no HTTP answer');
    expect(await letter.locator('.letter-error').textContent()).toMatch(/ECONNREFUSED|refused/);
    await delivery(ride, 'notifications-transit-completed').and(page.locator('[data-state="dead"]')).waitFor();
    await page.locator(`.group[data-subject="${ride}"][data-state="dead"]`).waitFor();

    await system.supervisor.start('notifications');
    await tile('notifications').and(page.locator('[data-state="up"]')).waitFor();
    await letter.getByRole('button', { name: 'Redrive' }).click();
    await letter.waitFor({ state: 'detached' });
    await delivery(ride, 'notifications-transit-completed').and(page.locator('[data-state="delivered"]')).waitFor();

    // The ride's other notifications died too (their facts arrived while it was down): redrive the rest at once.
    if ((await page.locator('.letter').count()) > 1) await page.getByRole('button', { name: 'Redrive all' }).click();
    else if ((await page.locator('.letter').count()) === 1)
      await page.locator('.letter').getByRole('button', { name: 'Redrive' }).click();
    await page.getByText('None: every delivery was made or is still being retried.').waitFor();
    await waitFor(
      'three notifications about the ride',
      async () => (await step(ride, 'notifications').locator('.step-value').textContent()) === '3',
    );
  });
});
