import { attributeNameProblem } from './attribute-rules.js';
import { decodeHeaderValue, encodeHeaderValue } from './header-values.js';
import type { HttpHeaders } from './http-headers.js';
import { Problem } from './mesh-event.js';

/** HTTP headers that carry an event in binary mode: `ce-<attribute>` each, the data's content type as Content-Type. */
export function binaryModeHeaders(attributes: Readonly<Record<string, string>>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name in attributes) {
    if (name === 'datacontenttype') headers['content-type'] = attributes[name];
    else headers[`ce-${name}`] = encodeHeaderValue(attributes[name]);
  }
  return headers;
}

/**
 * The attributes of a binary-mode message: every `ce-` header, its name checked and its value percent-decoded, and
 * Content-Type as `datacontenttype`. A problem names the header; a message without any `ce-` header is no CloudEvent.
 */
export function binaryModeAttributes(headers: HttpHeaders): Record<string, string> | Problem {
  const attributes: Record<string, string> = {};
  let any = false;
  for (const header in headers) {
    const raw = headers[header];
    if (raw === undefined || !header.startsWith('ce-')) continue;
    any = true;
    const name = header.slice(3);
    const badName = attributeNameProblem(name);
    if (badName) return badName;
    const value = decodeHeaderValue(typeof raw === 'string' ? raw : raw.join(','));
    if (value instanceof Problem) return new Problem(`header ${header}: ${value.message}`);
    attributes[name] = value;
  }
  if (!any)
    return new Problem(
      'not a CloudEvent: expected binary mode (ce-specversion, ce-id, ce-source and ce-type headers) or structured mode (Content-Type: application/cloudevents+json)',
    );
  const contentType = headers['content-type'];
  if (typeof contentType === 'string' && contentType) attributes.datacontenttype = contentType;
  return attributes;
}
