import fc from 'fast-check';
import { hostileAmount, injectionString, RawNumber } from './hostile-values.js';

/** A JSON document as sent (`text`) with a line saying what was done to it. */
export interface MutatedJson {
  text: string;
  what: string;
}

/** JSON text with every RawNumber written as its literal (1e400 stays 1e400). */
export function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) =>
    v instanceof RawNumber ? `\u0000raw${raws.push(v.literal) - 1}` : v,
  );
  return text.replace(/"\\u0000raw(\d+)"/g, (_match, i: string) => raws[Number(i)]);
}

type Path = (string | number)[];

/** Every place in a JSON value where something can be put or taken away, the root included. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const here = [prefix];
  if (Array.isArray(value)) return here.concat(value.flatMap((v, i) => pathsOf(v, [...prefix, i])));
  if (value && typeof value === 'object')
    return here.concat(Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k])));
  return here;
}

function withChange(value: unknown, path: Path, change: { set: unknown } | { remove: true }): unknown {
  if (!path.length) return 'set' in change ? change.set : undefined;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...(value as unknown[])];
    if (!rest.length && 'remove' in change) copy.splice(head as number, 1);
    else copy[head as number] = withChange(copy[head as number], rest, change);
    return copy;
  }
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (!rest.length && 'remove' in change) delete copy[head];
  else copy[head] = withChange(copy[head], rest, change);
  return copy;
}

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  injectionString,
  hostileAmount,
  fc.constantFrom(null, true, false, [], {}, '', ' ', 'x'.repeat(5000), [[[[['deep']]]]], {
    amount: -1,
    currency: 'pln',
  }),
  fc.string({ maxLength: 40 }),
);

/**
 * The valid document with one thing changed — a field set to an injection string, hostile money, the wrong type, or
 * taken away — kept only when `isValid` says the result breaks the schema: every one must be refused.
 */
export function schemaViolations(valid: unknown, isValid: (value: unknown) => boolean): fc.Arbitrary<MutatedJson> {
  const paths = pathsOf(valid);
  const change = fc.oneof(
    fc.record({ path: fc.constantFrom(...paths), set: hostileValue }),
    fc.record({ path: fc.constantFrom(...paths.filter((p) => p.length)), remove: fc.constant(true as const) }),
  );
  return change
    .map((c) => {
      const where = c.path.join('/') || '(the whole document)';
      const mutated =
        'remove' in c ? withChange(valid, c.path, { remove: true }) : withChange(valid, c.path, { set: c.set });
      const what = 'remove' in c ? `without ${where}` : `${where} = ${toJsonText(c.set).slice(0, 60)}`;
      return { text: toJsonText(mutated), what };
    })
    .filter((m) => !isValid(JSON.parse(m.text)));
}
