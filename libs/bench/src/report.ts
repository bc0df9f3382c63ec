import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';

export type Row = (string | number)[];

export function table(header: string[], rows: Row[]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export interface MachineFacts {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  loadAtStart: number[];
  loadAtEnd?: number[];
}

export const machineFacts = (): MachineFacts => ({
  cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  loadAtStart: loadavg(),
});

export const fmtLoad = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');

const START = '<!-- npm run bench: generated from here -->';
const END = '<!-- npm run bench: generated up to here -->';

/**
 * Puts the generated section into docs/benchmarks.md between its markers — replacing the previous run's,
 * or appending it the first time — and leaves everything else (the broker's section) as it is.
 */
export async function writeIntoBenchmarksDoc(file: string, section: string): Promise<void> {
  const doc = await readFile(file, 'utf8').catch(() => '# Benchmarks\n');
  const generated = `${START}\n${section.trim()}\n${END}`;
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  const next = start >= 0 && end > start ? `${doc.slice(0, start)}${generated}${doc.slice(end + END.length)}` : `${doc.trimEnd()}\n\n${generated}\n`;
  await writeFile(file, next);
}
