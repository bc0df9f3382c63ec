/** The trace id of a W3C `traceparent` (`00-<trace id>-<parent id>-<flags>`); undefined when it is not one. */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  const match = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(traceparent?.trim().toLowerCase() ?? '');
  // All zeros is the standard's "invalid" trace id.
  return match && !/^0+$/.test(match[1]) ? match[1] : undefined;
}
