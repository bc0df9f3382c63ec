/**
 * Trigger filters as pure predicates over an event's context attributes (names → wire strings).
 * Semantics follow Knative Eventing and, where they differ, its Kafka Broker (see the README).
 */

export type EventAttributes = Readonly<Record<string, string | undefined>>;
export type EventPredicate = (attributes: EventAttributes) => boolean;

/** The Subscriptions API filter dialects (`spec.filters[]`), as written in a Trigger. */
export interface FilterExpression {
  exact?: Record<string, string>;
  prefix?: Record<string, string>;
  suffix?: Record<string, string>;
  all?: FilterExpression[];
  any?: FilterExpression[];
  not?: FilterExpression;
  cesql?: string;
}

/** A filter the broker cannot evaluate; `path` says where in the Trigger it is. */
export class FilterError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'FilterError';
  }
}

const matchAll: EventPredicate = () => true;

/**
 * The legacy `spec.filter.attributes`: every listed attribute equals its value exactly (case-sensitive).
 * An empty value matches anything, even an absent attribute, as in the Kafka Broker.
 */
export function attributesFilter(attributes: Record<string, string>): EventPredicate {
  const required = Object.entries(attributes).filter(([, value]) => value !== '');
  if (required.length === 0) return matchAll;
  return (event) => required.every(([name, value]) => event[name] === value);
}

/** Compiles one Subscriptions API expression, refusing what Knative's validation would refuse. */
export function compileExpression(expression: FilterExpression, path: string): EventPredicate {
  const dialects = Object.keys(expression).filter((k) => expression[k as keyof FilterExpression] !== undefined);
  if (dialects.length !== 1) {
    throw new FilterError(
      path,
      `a filter expression must use exactly one dialect (exact, prefix, suffix, all, any, not), found ${dialects.length ? dialects.join(', ') : 'none'}`,
    );
  }
  const { exact, prefix, suffix, all, any, not, cesql } = expression;
  if (exact) return comparison(exact, `${path}.exact`, (actual, expected) => actual === expected);
  if (prefix) return comparison(prefix, `${path}.prefix`, (actual, expected) => actual.startsWith(expected));
  if (suffix) return comparison(suffix, `${path}.suffix`, (actual, expected) => actual.endsWith(expected));
  if (all) {
    const parts = nested(all, `${path}.all`);
    return (event) => parts.every((p) => p(event));
  }
  if (any) {
    const parts = nested(any, `${path}.any`);
    return (event) => parts.some((p) => p(event));
  }
  if (not) {
    const inner = compileExpression(not, `${path}.not`);
    return (event) => !inner(event);
  }
  if (cesql !== undefined) {
    // No maintained CloudEvents SQL implementation exists for JavaScript; failing here beats ignoring the filter.
    throw new FilterError(
      `${path}.cesql`,
      'CloudEvents SQL (cesql) filters are not supported by the local broker; express the filter with exact, prefix, suffix, all, any and not',
    );
  }
  throw new FilterError(path, `unknown filter dialect "${dialects[0]}"`);
}

/** `spec.filters`: every expression must hold (AND). An empty list matches everything. */
export function subscriptionsApiFilter(filters: FilterExpression[], path = 'spec.filters'): EventPredicate {
  const parts = filters.map((f, i) => compileExpression(f, `${path}[${i}]`));
  if (parts.length === 0) return matchAll;
  return (event) => parts.every((p) => p(event));
}

/** A Trigger's predicate: a non-empty `filters` overrides `filter`; no filter at all matches every event. */
export function triggerPredicate(spec: {
  filter?: { attributes?: Record<string, string> };
  filters?: FilterExpression[];
}): EventPredicate {
  if (spec.filters && spec.filters.length > 0) return subscriptionsApiFilter(spec.filters);
  return attributesFilter(spec.filter?.attributes ?? {});
}

function comparison(
  map: Record<string, string>,
  path: string,
  test: (actual: string, expected: string) => boolean,
): EventPredicate {
  const entries = Object.entries(map);
  if (entries.length === 0) throw new FilterError(path, 'must name at least one attribute');
  for (const [name, value] of entries) {
    if (name === '' || value === '')
      throw new FilterError(path, 'attribute names and values must not be empty strings');
  }
  return (event) =>
    entries.every(([name, expected]) => {
      const actual = event[name];
      return actual !== undefined && test(actual, expected);
    });
}

function nested(expressions: FilterExpression[], path: string): EventPredicate[] {
  if (expressions.length === 0) throw new FilterError(path, 'must contain at least one filter expression');
  return expressions.map((e, i) => compileExpression(e, `${path}[${i}]`));
}
