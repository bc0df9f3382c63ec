/**
 * K_CE_OVERRIDES, as a Knative SinkBinding injects it: `{"extensions": {"name": "value", ...}}`, set on every
 * outgoing event. Invalid JSON is a configuration error worth failing the start for.
 */
export function parseCeOverrides(raw: string | undefined): Record<string, string> {
  if (!raw?.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error(`K_CE_OVERRIDES is not valid JSON: ${raw}`);
  }
  const extensions = (parsed as { extensions?: unknown })?.extensions ?? {};
  if (typeof extensions !== 'object' || extensions === null || Array.isArray(extensions)) {
    throw new Error('K_CE_OVERRIDES must look like {"extensions": {"name": "value"}}');
  }
  return Object.fromEntries(Object.entries(extensions).map(([k, v]) => [k.toLowerCase(), String(v)]));
}
