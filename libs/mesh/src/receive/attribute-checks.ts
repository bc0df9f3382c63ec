// CloudEvents forbids control characters in attribute values.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const NAME = /^[a-z0-9]{1,20}$/;
/** The JSON format types these as String (URI, Timestamp): numbers and booleans are for extensions only. */
const STRING_TYPED = new Set([
  'specversion',
  'id',
  'source',
  'type',
  'datacontenttype',
  'dataschema',
  'subject',
  'time',
  'schemaurl',
  'datacontentencoding',
]);

/**
 * A binary-mode `ce-` header value, percent-decoded (HTTP binding 1.0.2, §3.1.3.2: the mesh escapes `%` and
 * non-ASCII), or what is wrong with it: a `%` that starts no escape, escapes that are not UTF-8, control characters.
 */
export function decodeHeaderValue(header: string, value: string): { value: string } | { problem: string } {
  let decoded = value;
  if (value.includes('%')) {
    const stray = /%(?![0-9a-fA-F]{2})/.exec(value);
    if (stray)
      return {
        problem: `header ${header}: "%" at position ${stray.index} starts no escape (a literal percent sign is sent as %25)`,
      };
    try {
      decoded = value.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => decodeURIComponent(run));
    } catch {
      return { problem: `header ${header}: its escapes are not percent-encoded UTF-8` };
    }
  }
  return problemWith(header.slice(3), decoded) ?? { value: decoded };
}

/** What the SDK lets through in a structured-mode envelope but CloudEvents does not: odd names, typed or controlled values. */
export function envelopeProblem(envelope: unknown): string | undefined {
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope))
    return 'the structured-mode body must be a JSON object holding one event';
  for (const [name, value] of Object.entries(envelope)) {
    if (name === 'data' || name === 'data_base64' || value === null) continue;
    if (
      typeof value !== 'string' &&
      (STRING_TYPED.has(name) || (typeof value !== 'number' && typeof value !== 'boolean'))
    ) {
      return `attribute "${name}" must be a ${STRING_TYPED.has(name) ? 'string' : 'string, number or boolean'}`;
    }
    const problem = problemWith(name, String(value));
    if (problem) return problem.problem;
  }
  return undefined;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

/** What the SDK would invent (specversion, id) or take as it is (any time): required attributes, a real RFC 3339 time. */
export function contextProblem(attributes: Record<string, unknown>): string | undefined {
  for (const name of ['specversion', 'id', 'source', 'type']) {
    if (attributes[name] === undefined || attributes[name] === '') return `missing required attribute "${name}"`;
  }
  if (attributes.specversion !== '1.0' && attributes.specversion !== '0.3')
    return `unsupported specversion "${String(attributes.specversion)}": use 1.0 or 0.3`;
  if (attributes.time !== undefined && !isRfc3339(String(attributes.time)))
    return `attribute "time" must be an RFC 3339 timestamp such as 2026-11-23T10:00:00Z`;
  return undefined;
}

/** RFC 3339 in form and in range: month 13, February 30th or 99:99 match the pattern but name no instant. */
function isRfc3339(value: string): boolean {
  const parts = RFC3339.exec(value);
  if (!parts) return false;
  const [year, month, day, hour, minute, second, , offsetHour = 0, offsetMinute = 0] = parts
    .slice(1)
    .map((p) => (p?.startsWith('.') ? 0 : Number(p ?? 0)));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 60 &&
    offsetHour <= 23 &&
    offsetMinute <= 59
  );
}

function problemWith(name: string, value: string): { problem: string } | undefined {
  if (!NAME.test(name))
    return { problem: `invalid attribute name "${name}": lower-case ASCII letters and digits, at most 20` };
  if (CONTROL.test(value)) return { problem: `attribute "${name}" must not contain control characters` };
  return undefined;
}
