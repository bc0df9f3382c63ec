import { paint } from '../terminal.js';

/** Terminal formatting for the CLI: colour only when a person is watching (and NO_COLOR does not say otherwise). */

// Blue/orange/grey are distinguishable with the common colour-vision deficiencies; red/green alone are not.
export const ok = paint('blue');
export const warn = paint('yellow');
export const bad = paint('magenta');
export const dim = paint('gray');
export const bold = paint('bold');

export function table(rows: Record<string, unknown>[], columns: string[]): string {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [bold(line(columns)), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))].join('\n');
}

export function inSeconds(iso: string | null | undefined): string {
  if (!iso) return '';
  const s = (new Date(iso).getTime() - Date.now()) / 1000;
  return s <= 0 ? 'now' : `in ${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
}

export const money = (m: { amount: number; currency: string } | null | undefined) =>
  m ? `${m.currency} ${(m.amount / 100).toFixed(2)}` : '';
