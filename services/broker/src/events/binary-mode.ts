import type { IncomingHttpHeaders } from 'node:http';
import { decodeHeaderValue, encodeHeaderValue, InvalidPercentEncoding } from './header-values.js';
import type { MeshEvent } from './mesh-event.js';

/** HTTP headers that carry the event in binary mode: `ce-<attribute>` each, the data's content type as Content-Type. */
export function binaryModeHeaders(event: MeshEvent): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.attributes)) {
    if (name === 'datacontenttype') headers['content-type'] = value;
    else headers[`ce-${name}`] = encodeHeaderValue(value);
  }
  return headers;
}

/**
 * The attributes of a binary-mode message: every `ce-` header (decoded), Content-Type as `datacontenttype`.
 * Throws InvalidPercentEncoding naming the header whose value cannot be decoded.
 */
export function binaryModeAttributes(headers: IncomingHttpHeaders): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [header, value] of Object.entries(headers)) {
    if (!header.startsWith('ce-') || value === undefined) continue;
    try {
      attributes[header.slice(3)] = decodeHeaderValue(Array.isArray(value) ? value.join(',') : value);
    } catch (err) {
      if (err instanceof InvalidPercentEncoding) throw new InvalidPercentEncoding(`header ${header}: ${err.message}`);
      throw err;
    }
  }
  const contentType = headers['content-type'];
  if (contentType) attributes.datacontenttype = contentType;
  return attributes;
}
