import { cpus, totalmem } from 'node:os';
import type { SoakResult } from './soak.js';

/** The machine the soak ran on, in one line. */
export function machineFacts(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform} ${process.arch}, PostgreSQL 17 (embedded)`;
}

/** The verdict as a Markdown table, followed by the faults and what the riders saw. */
export function renderReport(result: SoakResult): string {
  const { options, invariants, faults, ledger } = result;
  const lines = [
    `| invariant | expected | actual | |`,
    `|---|---:|---:|---|`,
    ...invariants.map(
      (i) =>
        `| ${i.name} | ${i.expected} | ${i.actual} | ${i.ok ? 'ok' : '**FAILED**'}${i.note ? ` — ${i.note}` : ''} |`,
    ),
    '',
    `${options.rides} rides at ${options.rate}/s (seed ${options.seed}): load ${result.loadSeconds.toFixed(0)} s, drain ${result.drainSeconds.toFixed(0)} s.`,
    `Faults (${faults.length}): ${summarise(faults.map((f) => `${f.what} ${f.target}`))}; longest down ${Math.max(0, ...faults.map((f) => f.downSeconds ?? 0)).toFixed(1)} s.`,
    `Riders: ${[...ledger.answers]
      .filter(([k]) => k.startsWith('POST ingress'))
      .map(([k, n]) => `${n}× ${k.split(' ').at(-1)} from the ingress`)
      .join(', ')}; ` +
      `${ledger.noAnswer} requests unanswered during restarts and sent again; ${ledger.retried5xx} 5xx answers retried` +
      `${
        ledger.failures().length
          ? ` (${ledger
              .failures()
              .map(([k, n]) => `${n}× ${k}`)
              .join(', ')})`
          : ''
      }.`,
    `Machine: ${machineFacts()}.`,
  ];
  return lines.join('\n');
}

function summarise(items: string[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].map(([item, n]) => `${n}× ${item}`).join(', ') || 'none';
}
