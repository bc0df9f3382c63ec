import { randomUUID } from 'node:crypto';
import { SOURCES } from '@cabs/contracts';
import {
  BrokerAdminClient,
  completeThroughMesh,
  completeTracer,
  itemsOf,
  prepareRide,
  requestJson,
  type Activity,
  type DeliveryState,
  type Notification,
  type Transit,
} from '@cabs/client';
import { localUrls, SYSTEM_PROCESSES, systemPorts, type SystemPorts } from '../system.js';
import { bad, bold, dim, inSeconds, money, ok, table, warn } from './format.js';
import type { Stack } from './stack.js';

type Print = (line: string) => void;

export interface CliContext {
  ports: SystemPorts;
  print: Print;
  /** Stops long-running commands (ride, watch). */
  signal: AbortSignal;
  /** The running system, `npm start`'s or docker compose's (detected once, when a command first asks). */
  stack(): Promise<Stack>;
}

/** Jaeger in docker-compose.yml: its OTLP/HTTP receiver and its UI, as published on this machine. */
const COMPOSE_OTLP = 'http://127.0.0.1:4318';
const COMPOSE_TRACES = 'http://localhost:16686/trace';
/** The broker's admin API, with the mesh token when the system has one (it asks for it then). */
const admin = async (ctx: CliContext) =>
  new BrokerAdminClient(`http://127.0.0.1:${ctx.ports.brokerAdmin}`, { token: await (await ctx.stack()).token() });

export async function status(ctx: CliContext): Promise<void> {
  const { columns, rows } = await (await ctx.stack()).status();
  ctx.print(table(rows, columns));
}

export async function stop(ctx: CliContext, name: string, kill: boolean): Promise<void> {
  await (await ctx.stack()).stop(known(name), kill);
  ctx.print(
    `${bold(name)} ${kill ? 'killed (SIGKILL)' : 'stopped'}; it stays down until \`npm run cabs -- start ${name}\``,
  );
}

export async function start(ctx: CliContext, name: string): Promise<void> {
  await (await ctx.stack()).start(known(name));
  ctx.print(`${bold(name)} is ready`);
}

/** One of the system's processes, or an error that names them. */
function known(name: string): string {
  if (!(SYSTEM_PROCESSES as readonly string[]).includes(name))
    throw new RangeError(`There is no process called '${name}'; the system runs: ${SYSTEM_PROCESSES.join(', ')}`);
  return name;
}

export async function complete(ctx: CliContext, transitId: string): Promise<void> {
  const transit = await requestJson<Transit>(
    'GET',
    `http://127.0.0.1:${ctx.ports.transit}/transits/${encodeURIComponent(transitId)}`,
  );
  await completeAndFollow(ctx, transit);
}

export async function ride(ctx: CliContext): Promise<void> {
  const transit = await prepareRide(localUrls(ctx.ports));
  ctx.print(
    `ride ${bold(transit.id)} is in transit (estimated ${money(transit.estimatedPrice)}); completing it through the mesh…`,
  );
  await completeAndFollow(ctx, transit);
}

/**
 * Sends CompleteTransit, prints the 202, then each settlement step the moment ReadTransit shows it. With a collector
 * configured (OTEL_EXPORTER_OTLP_ENDPOINT) the command is the root span of the ride's trace.
 */
async function completeAndFollow(ctx: CliContext, transit: Transit): Promise<void> {
  // docker compose publishes Jaeger's OTLP port: a ride from the CLI is one trace there too.
  if ((await ctx.stack()).kind === 'docker compose') process.env.OTEL_EXPORTER_OTLP_ENDPOINT ??= COMPOSE_OTLP;
  const tracer = completeTracer(process.env, 'cabs-cli');
  try {
    await follow(ctx, transit, tracer);
  } finally {
    // The root span, but a collector that does not answer must not keep the command from ending.
    await Promise.race([
      tracer.shutdown().catch(() => {}),
      new Promise((resolve) => setTimeout(resolve, 2000).unref()),
    ]);
  }
}

async function follow(ctx: CliContext, transit: Transit, tracer: ReturnType<typeof completeTracer>): Promise<void> {
  const { ports, print, signal } = ctx;
  const id = randomUUID();
  const traced = tracer.begin(transit.id, id);
  const sent = Date.now();
  const token = await (await ctx.stack()).token();
  const answer = await completeThroughMesh(localUrls(ports).ingress, transit, {
    id,
    source: SOURCES.cli,
    token,
    traceparent: traced.traceparent,
  }).catch((err: unknown) => {
    traced.end({ error: (err as Error).message });
    throw err;
  });
  traced.end({ status: answer.status });
  if (answer.status !== 202) throw new Error(`the mesh answered ${answer.status}: ${answer.body}`);
  print(
    `${ok('202 Accepted')} in ${Date.now() - sent} ms: the mesh has persisted CompleteTransit (event ${answer.eventId})`,
  );
  if (traced.traceId)
    print(
      dim(
        `  trace ${process.env.OTEL_EXPORTER_OTLP_ENDPOINT === COMPOSE_OTLP ? `${COMPOSE_TRACES}/${traced.traceId}` : traced.traceId}`,
      ),
    );
  const seen = new Set<string>();
  const step = (key: string, line: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    print(`  +${String(Date.now() - sent).padStart(5)} ms  ${line}`);
  };
  let lastNote = Date.now();
  while (!signal.aborted) {
    const t = await requestJson<Transit>('GET', `http://127.0.0.1:${ports.transit}/transits/${transit.id}`).catch(
      () => undefined,
    );
    if (t?.status === 'completed') step('completed', `ride completed, price ${money(t.price)}`);
    const fee = t?.settlement.fee;
    const invoice = t?.settlement.invoice;
    if (fee) step('fee', `driver's fee calculated: ${money(fee)}`);
    if (invoice) step('invoice', `invoice issued: ${invoice.number}`);
    if (t?.settlement.driverFreed) step('freed', 'driver freed');
    const notes = t?.clientId
      ? await requestJson<Notification[] | { items: Notification[] }>(
          'GET',
          `http://127.0.0.1:${ports.notifications}/notifications?recipient=client:${t.clientId}&limit=100`,
        ).catch(() => [])
      : [];
    const told = itemsOf(notes).filter((n) => n.transitId === transit.id);
    for (const message of told) step(message.kind, `client notified: ${message.text}`);
    if (fee && invoice && seen.has('completed') && seen.has('ride-completed') && seen.has('invoice-issued')) {
      print(ok(`settled in ${Date.now() - sent} ms`));
      return;
    }
    if (Date.now() - lastNote > 5000) {
      lastNote = Date.now();
      const pending = [!fee && 'fee', !invoice && 'invoice'].filter(Boolean).join(' and ');
      if (pending)
        print(
          dim(
            `  … ${pending} pending; the mesh keeps retrying (see: npm run cabs -- deliveries). Ctrl-C to stop watching.`,
          ),
        );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function deliveries(ctx: CliContext, state: DeliveryState | undefined, limit: number): Promise<void> {
  const { print } = ctx;
  const states: DeliveryState[] = state ? [state] : ['pending', 'retrying', 'dead'];
  const broker = await admin(ctx);
  const rows = (await Promise.all(states.map((s) => broker.deliveries({ state: s, limit })))).flat();
  if (!rows.length) {
    print(ok(`no ${state ?? 'pending, retrying or dead'} deliveries: the mesh is drained`));
    return;
  }
  const colourState = (s: string) => (s === 'dead' ? bad(s) : s === 'retrying' ? warn(s) : s);
  print(
    table(
      rows.map((d) => ({
        id: d.id,
        state: colourState(d.state),
        trigger: d.trigger,
        type: d.event.type.replace(/^cabs\./, ''),
        subject: d.event.subject?.slice(0, 8) ?? '',
        attempts: d.attempts,
        next: d.state === 'retrying' ? inSeconds(d.nextAttemptAt) : '',
        last: [d.lastStatus, d.lastError].filter(Boolean).join(' ').slice(0, 60),
      })),
      ['id', 'state', 'trigger', 'type', 'subject', 'attempts', 'next', 'last'],
    ),
  );
}

export async function redrive(ctx: CliContext, target: { id?: string; trigger?: string }): Promise<void> {
  const { redriven, deliveries } = await (await admin(ctx)).redrive({ deliveryId: target.id, trigger: target.trigger });
  ctx.print(
    redriven
      ? `${ok('redriven')}: ${redriven} dead ${redriven === 1 ? 'delivery' : 'deliveries'} sent through the mesh again (${deliveries.join(', ')})`
      : 'nothing to redrive: no dead deliveries',
  );
}

export async function drain(ctx: CliContext, type: string | undefined, dataschema: string | undefined): Promise<void> {
  const r = await (await admin(ctx)).drain({ type, dataschema });
  ctx.print(
    `${r.drained ? ok('drained') : warn('not drained')}: pending ${r.pending}, retrying ${r.retrying}, dead ${r.dead}, delivered ${r.delivered}`,
  );
  if (!r.drained) process.exitCode = 1;
}

/** Follows the broker's activity stream (Server-Sent Events) and prints one line per happening. */
export async function watch(ctx: CliContext): Promise<void> {
  const { print, signal } = ctx;
  const activities = await (await admin(ctx)).activity(signal);
  print(dim('following mesh activity; Ctrl-C to stop'));
  try {
    for await (const activity of activities) print(describeActivity(activity));
  } catch (err) {
    if (!signal.aborted) throw err;
  }
}

function describeActivity(a: Activity): string {
  const time = a.at.slice(11, 23);
  const what = `${(a.type ?? '').replace(/^cabs\./, '')} ${dim((a.subject ?? '').slice(0, 8))}`;
  switch (a.kind) {
    case 'event.accepted':
      return `${time} ${bold('accepted')}   ${what} → ${a.triggers?.join(', ') || dim('no trigger')}`;
    case 'delivery.succeeded':
      return `${time} ${ok('delivered')}  ${what} → ${a.trigger} (attempt ${a.attempt}/${a.maxAttempts}, ${a.durationMs} ms)`;
    case 'delivery.retry-scheduled':
      return `${time} ${warn('retrying')}   ${what} → ${a.trigger} attempt ${a.attempt}/${a.maxAttempts} failed (${a.status ?? a.error}), next ${inSeconds(a.nextAttemptAt)}`;
    case 'delivery.dead-lettered':
      return `${time} ${bad('dead')}       ${what} → ${a.trigger} after ${a.attempt} attempt(s) (${a.status ?? a.error})`;
    default:
      return `${time} ${a.kind} ${what} ${a.trigger ? `→ ${a.trigger}` : ''}`;
  }
}

export const defaultPorts = systemPorts;
