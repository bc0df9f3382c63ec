/** Terminal formatting for the CLI: colour only when a person is watching. */
const tty = process.stdout.isTTY || Boolean(process.env.FORCE_COLOR);
const paint = (code: number) => (text: string) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);

// Blue/orange/grey are distinguishable with the common colour-vision deficiencies; red/green alone are not.
export const ok = paint(34);
export const warn = paint(33);
export const bad = paint(35);
export const dim = paint(90);
export const bold = paint(1);

export function table(rows: Record<string, unknown>[], columns: string[]): string {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  return [bold(line(columns)), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))].join('\n');
}

export function inSeconds(iso: string | null | undefined): string {
  if (!iso) return '';
  const s = (new Date(iso).getTime() - Date.now()) / 1000;
  return s <= 0 ? 'now' : `in ${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
}

export const money = (m: { amount: number; currency: string } | null | undefined) =>
  m ? `${m.currency} ${(m.amount / 100).toFixed(2)}` : '';
