import { readFile } from 'node:fs/promises';

/** The parts of V8's .cpuprofile (what `node --cpu-prof` writes) this summary reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  /** Busy time by kind of work, largest first. */
  byKind: [string, number][];
  /** Self time by function, largest first. */
  byFunction: [string, number][];
}

const SOCKET_WRITES = new Set(['writev', 'writeBuffer', 'writeUtf8String', 'writeLatin1String', 'writeAsciiString']);

/** Where a frame's code lives: `broker: dispatch/dispatcher`, a package name, `node:net`, `(garbage collector)`. */
function place({ url, functionName }: CallFrame): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const broker = url.match(/services\/broker\/dist\/(.+)\.js$/);
  if (broker) return `broker: ${broker[1]}`;
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  if (url.startsWith('node:') || url.startsWith('wasm:')) return url;
  return url.replace(/^file:\/\/.*\/(libs|services)\//, '$1/');
}

/**
 * The kind of work a sample was doing, judged by the code it was in. A socket write is a system call: on
 * loopback it also runs the receiving side's TCP stack, so it is told apart by who wrote (the pg client or HTTP).
 */
function kind(frame: CallFrame, callers: () => CallFrame[]): string {
  const where = place(frame);
  if (where === '(native)' && SOCKET_WRITES.has(frame.functionName)) {
    const urls = callers().map((f) => f.url);
    if (urls.some((u) => /node_modules\/pg(-protocol)?\//.test(u))) return 'socket writes: queries to PostgreSQL';
    if (urls.includes('node:_http_outgoing')) return 'socket writes: HTTP requests and answers';
    return 'socket writes: other';
  }
  const kinds: [RegExp, string][] = [
    [/^\(garbage collector\)$/, 'garbage collection'],
    [/^\((program|native)\)$/, 'V8 and native code (other)'],
    [/^(@prisma\/|prisma$|wasm:)/, 'Prisma (query engine, driver adapter)'],
    [/^pg(-protocol|-pool|-types)?$/, 'pg client'],
    [/^(fastify|@fastify\/|find-my-way|avvio|light-my-request|fast-json-stringify|fast-querystring)/, 'Fastify'],
    [/^(cloudevents|ajv|ajv-formats|@sinclair\/|libs\/cloudevents\/)/, 'CloudEvents decoding and validation'],
    [/^(pino|pino-http|nestjs-pino|sonic-boom|thread-stream)/, 'logging'],
    [/^prom-client$/, 'metrics'],
    [/^broker: /, "the broker's own code"],
    [/^libs\/(mesh|platform|mesh-http|contracts)\//, 'the chassis (libs/mesh, libs/platform, libs/contracts)'],
    [/^services\//, "the service's own code"],
    [/^(@nestjs\/|rxjs|reflect-metadata|iterare)/, 'NestJS (and rxjs)'],
    [/^(@opentelemetry\/|import-in-the-middle|require-in-the-middle)/, 'OpenTelemetry'],
    [/^node:internal\/(modules|deps\/cjs-module-lexer|bootstrap)/, 'loading modules (start-up)'],
    [
      /^node:(_http|http|net|stream|events|buffer|timers|internal\/(stream|streams|http|net|dns|url|timers|event_target|abort_controller|process\/task_queues))/,
      'Node HTTP, sockets, streams, timers',
    ],
    [/^node:/, 'Node (other)'],
  ];
  return kinds.find(([pattern]) => pattern.test(where))?.[1] ?? `other (${where})`;
}

const sortDesc = (m: Map<string, number>): [string, number][] => [...m].sort((a, b) => b[1] - a[1]);

export async function summariseCpuProfile(file: string): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const callers = (id: number) => {
    const frames: CallFrame[] = [];
    for (let at = parent.get(id); at !== undefined; at = parent.get(at))
      frames.push((byId.get(at) as CpuProfile['nodes'][number]).callFrame);
    return frames;
  };

  const byKind = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const add = (m: Map<string, number>, key: string, ms: number) => m.set(key, (m.get(key) ?? 0) + ms);
  let totalMs = 0;
  let idleMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    if (frame.functionName === '(idle)') {
      idleMs += ms;
      return;
    }
    add(
      byKind,
      kind(frame, () => callers(id)),
      ms,
    );
    add(
      byFunction,
      `${frame.functionName || '(anonymous)'} — ${place(frame)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`,
      ms,
    );
  });
  return { totalMs, idleMs, byKind: sortDesc(byKind), byFunction: sortDesc(byFunction).slice(0, 10) };
}
