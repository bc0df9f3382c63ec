import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@cabs/postgres';

/**
 * The sample outputs of docs/workshop.md: each fenced block right after a `<!-- sample: NAME -->` comment, by name.
 * The workshop tests hold what the CLI and the broker really print against them (`sampleProblems`).
 */
export function workshopSamples(file = join(workspaceRoot(), 'docs/workshop.md')): Map<string, string[]> {
  const samples = new Map<string, string[]>();
  for (const [, name, block] of readFileSync(file, 'utf8').matchAll(
    /<!-- sample: ([\w-]+) -->\s*\n```[^\n]*\n([\s\S]*?)\n```/g,
  )) {
    if (samples.has(name)) throw new Error(`docs/workshop.md has two samples named ${name}`);
    samples.set(name, block.split('\n'));
  }
  return samples;
}

/**
 * Whether real output has the sample's shape, line for line but in any order (settlement steps race each other):
 * every sample line must match a line printed, and every line printed a sample line. What varies from run to run
 * matches anything of its kind: numbers, times, hexadecimal ids, ids cut short with `…`, column widths. A sample
 * line that is `…` alone stands for any further lines. Returns what does not match; empty when all does.
 */
export function sampleProblems(sample: string[], output: string): string[] {
  const printed = output
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean);
  const open = sample.some((l) => l.trim() === '…');
  const shapes = sample.filter((l) => l.trim() !== '…').map((l) => ({ line: l, pattern: shapeOf(l) }));
  const problems = shapes
    .filter((s) => !printed.some((p) => s.pattern.test(p)))
    .map((s) => `nothing printed looks like the sample line "${s.line}"`);
  if (!open)
    problems.push(
      ...printed.filter((p) => !shapes.some((s) => s.pattern.test(p))).map((p) => `the sample has no line like "${p}"`),
    );
  return problems;
}

const VARYING: [RegExp, string][] = [
  // A UUID, or a hexadecimal id cut short for the page (`5b0c…`).
  [/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{2,}…/g, '[0-9a-f-]+…?'],
  // A hexadecimal id: at least six characters, digits among them.
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{6,}\b/g, '[0-9a-f]+'],
  [/\d+(?:\.\d+)?/g, '\\d+(?:\\.\\d+)?'],
];

function shapeOf(line: string): RegExp {
  const placeholders: string[] = [];
  let text = line.trim();
  for (const [pattern, replacement] of VARYING) {
    text = text.replace(pattern, () => {
      placeholders.push(replacement);
      // Letters, never digits or hexadecimal: later rules must not see into a placeholder.
      return `\uE000${'Q'.repeat(placeholders.length)}\uE000`;
    });
  }
  const escaped = text
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\s+/g, '\\s+')
    .replace(/\uE000(Q+)\uE000/g, (_, q: string) => placeholders[q.length - 1]);
  return new RegExp(`^\\s*${escaped}$`);
}
