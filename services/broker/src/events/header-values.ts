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

/** A `ce-` header value whose percent-encoding is broken; the message says where. */
export class InvalidPercentEncoding extends Error {}

/**
 * Decodes %-escaped UTF-8 runs. A `%` that starts no escape, or escapes that are not UTF-8, are refused rather than
 * guessed at: a sender that means a literal percent sign sends `%25`, as the binding says.
 */
export function decodeHeaderValue(value: string): string {
  if (!value.includes('%')) return value;
  const stray = /%(?![0-9a-fA-F]{2})/.exec(value);
  if (stray)
    throw new InvalidPercentEncoding(
      `"%" at position ${stray.index} starts no escape (a literal percent sign is sent as %25)`,
    );
  return value.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      throw new InvalidPercentEncoding(`${run} is not percent-encoded UTF-8`);
    }
  });
}
