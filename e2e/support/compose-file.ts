import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { workspaceRoot } from '@cabs/postgres';

/** The parts of a Compose service these tests read (the file itself is validated against the full schema). */
export interface ComposeService {
  image?: string;
  build?: { context: string; args?: Record<string, string> };
  command?: string[];
  environment?: Record<string, string | number | boolean | null>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  restart?: string;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export const composeFilePath = join(workspaceRoot(), 'docker-compose.yml');

export function composeText(): string {
  return readFileSync(composeFilePath, 'utf8');
}

/**
 * docker-compose.yml as Compose sees it: YAML merge keys (`<<: *anchor`) applied, then `${VAR}` interpolated from
 * `variables` only (never from this process's environment, so a test does not depend on the shell it runs in).
 */
export function loadCompose(variables: Record<string, string> = {}, text = composeText()): ComposeFile {
  return interpolateAll(parse(text, { merge: true }), variables) as ComposeFile;
}

/** The file as written, merge keys applied but `${...}` left alone: to check what is committed. */
export function loadComposeUninterpolated(): ComposeFile {
  return parse(composeText(), { merge: true }) as ComposeFile;
}

function interpolateAll(value: unknown, variables: Record<string, string>): unknown {
  if (typeof value === 'string') return interpolate(value, variables);
  if (Array.isArray(value)) return value.map((v) => interpolateAll(v, variables));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateAll(v, variables)]));
  return value;
}

/**
 * Compose's interpolation: `$$` is a literal `$`; `$VAR`, `${VAR}`; `${VAR:-default}` (unset or empty),
 * `${VAR-default}` (unset); `${VAR:?message}`, `${VAR?message}` fail; `${VAR:+other}`, `${VAR+other}`.
 */
export function interpolate(text: string, variables: Record<string, string>): string {
  return text.replace(
    /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_all, dollar, braced, colon, op, arg, bare) => {
      if (dollar) return '$';
      const name = (braced ?? bare) as string;
      const value = variables[name];
      const missing = value === undefined || (colon === ':' && value === '');
      switch (op) {
        case '-':
          return missing ? arg : value;
        case '?':
          if (missing) throw new Error(`docker-compose.yml needs ${name}: ${arg}`);
          return value;
        case '+':
          return missing ? '' : arg;
        default:
          return value ?? '';
      }
    },
  );
}

/** A service's environment as the process sees it: every value a string. */
export function environmentOf(service: ComposeService): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]),
  );
}

export interface Mount {
  source: string;
  target: string;
  readOnly: boolean;
  /** A host path (bind mount) rather than a named volume. */
  bind: boolean;
}

/** Short-syntax volumes (`source:target[:ro]`). */
export function mountsOf(service: ComposeService): Mount[] {
  return (service.volumes ?? []).map((spec) => {
    const [source, target, mode] = spec.split(':');
    return { source, target, readOnly: mode === 'ro', bind: source.startsWith('.') || source.startsWith('/') };
  });
}

/** Short-syntax ports (`published:target`). */
export function portsOf(service: ComposeService): { published: number; target: number }[] {
  return (service.ports ?? []).map((spec) => {
    const [published, target] = spec.split(':').map(Number);
    return { published, target };
  });
}

/** The Node processes of the system: every service built from this repository's Dockerfile. */
export function builtServices(
  compose: ComposeFile,
): [string, ComposeService & { build: { args: { SERVICE: string } } }][] {
  return Object.entries(compose.services).filter(
    (entry): entry is [string, ComposeService & { build: { args: { SERVICE: string } } }] =>
      Boolean(entry[1].build?.args?.SERVICE),
  );
}
