import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { registerDrivers, requestJson, type Invoice } from '@cabs/client';
import { controlPort, DOMAIN_SERVICES, startControlServer } from '@cabs/devstack';
import { waitFor } from '@cabs/testing';
import { OtlpReceiver, type ReceivedSpan } from './support/compose-otlp-receiver.js';
import { cabs, devstack } from './support/processes.js';
import { meshConfigWith, startTestSystem, type TestSystem } from './support/test-system.js';

/**
 * One ride, one trace, on the `npm start` processes with a collector configured (an OTLP receiver standing in for
 * Jaeger): `cabs ride` is the root, the broker's spans fill the mesh's hops, all five services are in it, and the
 * retries of a delivery to a stopped service are spans of their own.
 */
describe('the trace of a ride (npm start, the cabs CLI, a collector)', () => {
  let otlp: OtlpReceiver;
  let system: TestSystem;
  let control: FastifyInstance;
  let env: Record<string, string>;

  beforeAll(async () => {
    otlp = await OtlpReceiver.start();
    const collector = { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${otlp.port}`, OTEL_BSP_SCHEDULE_DELAY: '200' };
    system = await startTestSystem({
      meshConfig: meshConfigWith({ retry: 8, backoffPolicy: 'exponential', backoffDelay: 'PT0.05S' }),
      env: collector,
    });
    await registerDrivers(system.urls.drivers);
    // As `npm start` does: the CLI stops and starts processes through the supervisor's control server.
    const offset = system.ports.broker - 8080;
    control = await startControlServer(system.supervisor, controlPort(offset));
    env = { CABS_PORT_OFFSET: String(offset), ...collector };
  });
  afterAll(async () => {
    await control?.close();
    await system?.stop();
    await otlp?.close();
  });

  it('holds the CLI root, the broker and all five services, with every retry of the stopped invoicing as a span', async () => {
    onTestFailed(() => console.log(system.logs.slice(-80).join('\n')));
    expect((await cabs(['stop', 'invoicing'], env)).output).toMatch(/invoicing stopped/);
    const ride = devstack('cli/main.js', ['ride'], env);
    const [, traceId] = await ride.waitForOutput(/trace ([0-9a-f]{32})/);
    onTestFailed(() =>
      console.log(
        `${ride.output}\nspans of trace ${traceId}:\n${otlp
          .trace(traceId)
          .map((s) => `${s.service} ${s.name} ${s.spanId} ← ${s.parentSpanId} (${s.status})`)
          .join('\n')}`,
      ),
    );
    const transitId = ride.output.match(/ride ([0-9a-f-]{36})/)?.[1] ?? '';
    const issueInvoice = () => otlp.trace(traceId).filter((s) => s.name === 'trigger:invoicing-issue-invoice.cabs');
    await waitFor(
      'two failed attempts to deliver issue-invoice, each a span',
      () => issueInvoice().filter((s) => s.status === 2).length >= 2,
      { timeoutMs: 30_000 },
    );
    // Ctrl-C: the command ends, and exports its root span as it goes.
    await ride.stop('SIGINT');

    expect((await cabs(['start', 'invoicing'], env)).output).toMatch(/invoicing is ready/);
    await waitFor(
      'the invoice',
      async () =>
        (
          await requestJson<Invoice[]>(
            'GET',
            `http://127.0.0.1:${system.ports.invoicing}/invoices?transitId=${transitId}`,
          )
        ).length === 1,
      { timeoutMs: 40_000 },
    );

    const everyone = ['cabs-cli', 'broker', ...DOMAIN_SERVICES];
    const spans = await waitFor(
      'one trace holding every process of the ride, each span under a parent of the same trace',
      () => {
        const trace = otlp.trace(traceId);
        const ids = new Set(trace.map((s) => s.spanId));
        const delivered = issueInvoice().some((s) => s.status !== 2);
        return (
          delivered &&
          everyone.every((name) => trace.some((s) => s.service === name)) &&
          trace.every((s) => !s.parentSpanId || ids.has(s.parentSpanId)) &&
          trace
        );
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(spans.filter((s) => !s.parentSpanId).map((s) => `${s.service}: ${s.name}`)).toEqual([
      'cabs-cli: send cabs.transit.complete-transit',
    ]);
    // Every event of the ride entered the mesh in this trace, those the services' outboxes published too.
    const entered = new Set(
      spans.filter((s) => s.name === 'broker:default.cabs').map((s) => s.attributes['cloudevents.event_type']),
    );
    for (const type of [
      'complete-transit',
      'calculate-fee',
      'issue-invoice',
      'free-driver',
      'transit-completed',
      'driver-fee-calculated',
      'invoice-issued',
    ]) {
      expect(
        [...entered].filter((t) => String(t).endsWith(`.${type}`)),
        type,
      ).toHaveLength(1);
    }

    // Every attempt is a span: the failed ones (connection refused) before the one invoicing took, numbered in turn.
    const attempts = issueInvoice().sort(
      (a, b) => Number(a.attributes['cabs.delivery.attempt']) - Number(b.attributes['cabs.delivery.attempt']),
    );
    expect(attempts.map((s) => s.attributes['cabs.delivery.attempt'])).toEqual(attempts.map((_, i) => i + 1));
    expect(attempts.slice(0, -1).every((s) => s.status === 2)).toBe(true);
    const taken = attempts.at(-1) as ReceivedSpan;
    expect([taken.status, taken.attributes['http.response.status_code']]).toEqual([0, 202]);
    // …and the attempt that got through is the parent of invoicing's side of that hop.
    expect(spans.some((s) => s.service === 'invoicing' && s.parentSpanId === taken.spanId)).toBe(true);
  });
});
