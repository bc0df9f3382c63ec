import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { format, resolveConfig } from 'prettier';

export type Row = (string | number)[];

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
 * Puts the generated results into docs/benchmarks.md between their markers — replacing the previous run's, or
 * appending them under `title` the first time — and leaves everything else as it is: the broker's section, and
 * what people wrote around the markers about the numbers.
 */
/** Markdown as the workspace's Prettier settings write `file`. */
export async function formatMarkdown(markdown: string, file: string): Promise<string> {
  return format(markdown, { ...(await resolveConfig(file)), filepath: file });
}

export async function writeIntoBenchmarksDoc(file: string, title: string, results: string): Promise<void> {
  const doc = await readFile(file, 'utf8').catch(() => '# Benchmarks\n');
  const generated = `${START}\n\n${results.trim()}\n\n${END}`;
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${doc.slice(0, start)}${generated}${doc.slice(end + END.length)}`
      : `${doc.trimEnd()}\n\n${title}\n\n${generated}\n`;
  await writeFile(file, next);
}
