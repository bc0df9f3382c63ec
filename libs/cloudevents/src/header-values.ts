import { Problem } from './mesh-event.js';

/**
 * Percent-encoding of binary-mode header values (CloudEvents HTTP binding 1.0.2, §3.1.3.2): HTTP headers
 * carry only visible ASCII, so other characters travel as %-escaped UTF-8. Printable ASCII, space and
 * double quote stay as they are, since many senders and receivers (the JavaScript SDK among them) do
 * not decode; a literal `%` is escaped so that decoding gives back exactly the original.
 */
export function encodeHeaderValue(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x20 && code <= 0x7e && char !== '%') out += char;
    // A lone surrogate has no UTF-8 form; it becomes U+FFFD as any UTF-8 encoder would make it.
    else out += encodeURIComponent(code >= 0xd800 && code <= 0xdfff ? '\ufffd' : char);
  }
  return out;
}

const STRAY_PERCENT = /%(?![0-9a-fA-F]{2})/;
const ESCAPED_RUN = /(?:%[0-9a-fA-F]{2})+/g;

/**
 * Decodes %-escaped UTF-8 runs. A `%` that starts no escape, or escapes that are not UTF-8, are refused rather than
 * guessed at: a sender that means a literal percent sign sends `%25`, as the binding says. Values without `%` — all
 * the mesh itself sends but for non-ASCII — are returned as they are, without a scan.
 */
export function decodeHeaderValue(value: string): string | Problem {
  if (!value.includes('%')) return value;
  const stray = STRAY_PERCENT.exec(value);
  if (stray)
    return new Problem(`"%" at position ${stray.index} starts no escape (a literal percent sign is sent as %25)`);
  let bad = '';
  const decoded = value.replace(ESCAPED_RUN, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      bad ||= run;
      return run;
    }
  });
  return bad ? new Problem(`${bad} is not percent-encoded UTF-8`) : decoded;
}
