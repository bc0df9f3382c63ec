import { randomUUID } from 'node:crypto';

export interface SendResult {
  status: number;
  body: { message?: string } | undefined;
}

/** Minimal valid attributes, with a fresh id. */
export function attributes(overrides: Record<string, string> = {}): Record<string, string> {
  return { specversion: '1.0', id: randomUUID(), source: 'usvc://cabs/test', type: 'cabs.test.happened', ...overrides };
}

/** POSTs an event in binary mode: attributes as ce- headers, data as the body with its content type. */
export async function sendBinary(
  url: string,
  attrs: Record<string, string>,
  data?: string | Buffer,
  extraHeaders: Record<string, string> = {},
): Promise<SendResult> {
  const { datacontenttype, ...rest } = attrs;
  const headers: Record<string, string> = { ...extraHeaders };
  for (const [name, value] of Object.entries(rest)) headers[`ce-${name}`] = value;
  if (datacontenttype) headers['content-type'] = datacontenttype;
  return post(url, headers, data);
}

/** POSTs an event in structured mode (application/cloudevents+json). */
export async function sendStructured(
  url: string,
  envelope: Record<string, unknown>,
  extraHeaders: Record<string, string> = {},
): Promise<SendResult> {
  return post(url, { 'content-type': 'application/cloudevents+json', ...extraHeaders }, JSON.stringify(envelope));
}

export async function post(
  url: string,
  headers: Record<string, string>,
  body?: string | Buffer,
  method = 'POST',
): Promise<SendResult> {
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as { message?: string }) : undefined };
}
