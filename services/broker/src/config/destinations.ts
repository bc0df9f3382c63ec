import type { Destination, KReference } from './knative-resources.js';

/**
 * How Knative references become URLs outside Kubernetes: the only thing that differs between the local
 * run, docker compose and a cluster. `MESH_SUBSCRIBER_URLS` maps names to URLs
 * (`transit=http://127.0.0.1:3001,fees=http://127.0.0.1:3003`); any other name goes through
 * `MESH_SUBSCRIBER_URL_TEMPLATE` (default: the in-cluster service address).
 */
export interface DestinationResolver {
  /** name → base URL, from `MESH_SUBSCRIBER_URLS`. */
  urls: ReadonlyMap<string, string>;
  /** `{name}` and `{namespace}` are replaced, e.g. `http://{name}:3000` for compose. */
  template: string;
}

export const DEFAULT_URL_TEMPLATE = 'http://{name}.{namespace}.svc.cluster.local';

export function destinationResolver(env: {
  MESH_SUBSCRIBER_URLS?: string;
  MESH_SUBSCRIBER_URL_TEMPLATE?: string;
}): DestinationResolver {
  return {
    urls: parseSubscriberUrls(env.MESH_SUBSCRIBER_URLS ?? ''),
    template: env.MESH_SUBSCRIBER_URL_TEMPLATE || DEFAULT_URL_TEMPLATE,
  };
}

/** Parses `name=url,name=url`; whitespace and a trailing comma are fine, anything else is an error. */
export function parseSubscriberUrls(text: string): Map<string, string> {
  const urls = new Map<string, string>();
  for (const entry of text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const eq = entry.indexOf('=');
    const name = entry.slice(0, eq).trim();
    const url = entry.slice(eq + 1).trim();
    if (eq < 1 || !url) throw new RangeError(`MESH_SUBSCRIBER_URLS: "${entry}" is not name=url`);
    urls.set(name, httpUrl(url, `MESH_SUBSCRIBER_URLS entry "${name}"`));
  }
  return urls;
}

/** A subscriber's URL: its mapped or templated reference, then `uri` (absolute, or relative to the reference). */
export function subscriberUrl(destination: Destination, namespace: string, resolver: DestinationResolver): string {
  const base = destination.ref ? refUrl(destination.ref, namespace, resolver, { templated: true }) : undefined;
  return withUri(base, destination.uri, 'spec.subscriber');
}

/**
 * A dead-letter sink's URL, or undefined when it is a reference nobody mapped: then the broker keeps the dead
 * letters itself. Templating is not applied, since locally a KafkaSink has no address.
 */
export function deadLetterSinkUrl(
  destination: Destination,
  namespace: string,
  resolver: DestinationResolver,
): string | undefined {
  const base = destination.ref ? refUrl(destination.ref, namespace, resolver, { templated: false }) : undefined;
  if (destination.ref && !base) return undefined;
  return withUri(base, destination.uri, 'spec.delivery.deadLetterSink');
}

function refUrl(
  ref: KReference,
  namespace: string,
  resolver: DestinationResolver,
  { templated }: { templated: boolean },
): string | undefined {
  const mapped = resolver.urls.get(ref.name);
  if (mapped || !templated) return mapped;
  const url = resolver.template.replaceAll('{name}', ref.name).replaceAll('{namespace}', ref.namespace ?? namespace);
  return httpUrl(url, `MESH_SUBSCRIBER_URL_TEMPLATE for "${ref.name}"`);
}

function withUri(base: string | undefined, uri: string | undefined, field: string): string {
  if (!uri) {
    if (!base) throw new RangeError(`${field}: needs a ref or a uri`);
    return base;
  }
  if (base) return httpUrl(new URL(uri, base.endsWith('/') ? base : `${base}/`).toString(), `${field}.uri`);
  return httpUrl(uri, `${field}.uri`);
}

function httpUrl(text: string, what: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new RangeError(`${what}: "${text}" is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new RangeError(`${what}: "${text}" must be http:// or https://`);
  return text;
}
