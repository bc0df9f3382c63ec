/**
 * Which service each Trigger delivers to, by matching its subscriber URL to the services the console knows:
 * the same origin is the same service.
 */
export function triggerServices(
  subscribers: Map<string, string>,
  services: Record<string, string>,
): Record<string, string> {
  const byOrigin = new Map(Object.entries(services).map(([name, url]) => [originOf(url), name]));
  const result: Record<string, string> = {};
  for (const [trigger, url] of subscribers) {
    const service = byOrigin.get(originOf(url));
    if (service) result[trigger] = service;
  }
  return result;
}

/** `localhost` and `127.0.0.1` are one machine; the console and the broker may spell it differently. */
function originOf(url: string): string {
  try {
    const { protocol, hostname, port } = new URL(url);
    const host = hostname === 'localhost' || hostname === '[::1]' ? '127.0.0.1' : hostname;
    return `${protocol}//${host}:${port || (protocol === 'https:' ? '443' : '80')}`;
  } catch {
    return url;
  }
}
