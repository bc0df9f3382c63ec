import { readFile } from 'node:fs/promises';

/** The parts of V8's .cpuprofile (what `node --cpu-prof` writes) this summary reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time by where the code lives: the broker's own modules, a package, a Node module, GC, idle. */
  byPlace: [string, number][];
  /** Self time by function (top ones). */
  byFunction: [string, number][];
  /** Each sample given to the nearest broker module on its stack: which part of the broker the time was spent for. */
  byBrokerModule: [string, number][];
  /** Time inside socket-write system calls (writev & co.), split by who wrote: the pg client or an HTTP message. */
  socketWrites: { totalMs: number; postgresMs: number; httpMs: number };
}

const SOCKET_WRITES = new Set(['writev', 'writeBuffer', 'writeUtf8String', 'writeLatin1String', 'writeAsciiString']);

/** Where a frame's code lives, in a few words: `broker: dispatch/dispatcher`, `pg-protocol`, `node:net`, `(garbage collector)`. */
function place(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native / V8 builtins)';
  const broker = url.match(/services\/broker\/dist\/(.+)\.js$/);
  if (broker) return `broker: ${broker[1]}`;
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return url;
  return url.replace(/^file:\/\/.*\/(libs|services)\//, '$1/');
}

const sortDesc = (m: Map<string, number>, top: number): [string, number][] => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);

export async function summariseCpuProfile(file: string): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const byBrokerModule = new Map<string, number>();
  const add = (m: Map<string, number>, key: string, us: number) => m.set(key, (m.get(key) ?? 0) + us / 1000);
  const socketWrites = { totalMs: 0, postgresMs: 0, httpMs: 0 };
  let totalUs = 0;
  const callers = (id: number) => {
    const frames: CpuProfile['nodes'][number]['callFrame'][] = [];
    for (let at = parent.get(id); at !== undefined; at = parent.get(at)) frames.push((byId.get(at) as CpuProfile['nodes'][number]).callFrame);
    return frames;
  };
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    totalUs += us;
    const node = byId.get(id);
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = place(url, functionName);
    add(byPlace, where, us);
    add(byFunction, `${functionName || '(anonymous)'} — ${where}${url ? `:${lineNumber + 1}` : ''}`, us);
    let owner = 'not under broker code (event loop, sockets, timers, GC)';
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      const module = frame?.url.match(/services\/broker\/dist\/(.+)\.js$/)?.[1];
      if (module) {
        owner = module;
        break;
      }
    }
    if (functionName === '(idle)') owner = '(idle)';
    add(byBrokerModule, owner, us);
    if (!url && SOCKET_WRITES.has(functionName)) {
      socketWrites.totalMs += us / 1000;
      const stack = callers(id).map((f) => f.url);
      if (stack.some((u) => /node_modules\/pg(-protocol)?\//.test(u))) socketWrites.postgresMs += us / 1000;
      else if (stack.some((u) => u === 'node:_http_outgoing')) socketWrites.httpMs += us / 1000;
    }
  });
  return { totalMs: totalUs / 1000, byPlace: sortDesc(byPlace, 12), byFunction: sortDesc(byFunction, 12), byBrokerModule: sortDesc(byBrokerModule, 10), socketWrites };
}
