import { Kind, Type, TypeGuard, type StaticDecode, type TObject, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ValueErrorType } from '@sinclair/typebox/errors';
import { describeErrors } from '../validation-messages.js';

/** `process.env`, or any record of the same shape (a test's, a child process's). */
export type Environment = Readonly<Record<string, unknown>>;

/** The environment does not say what the process needs; one line per variable, each naming it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

/**
 * The one way a process reads its configuration: the variables `schema` names, taken from `env`, converted,
 * defaulted and checked, every problem reported at once in a `ConfigError` (`MESH_POLL_INTERVAL: must be an ISO
 * 8601 duration such as PT0.2S, PT30S or PT15M (got "500")`). An empty value counts as unset, as a shell's
 * `X=` or compose's `${X:-}` mean it. Variables the schema does not name are left alone.
 */
export function readEnv<S extends TObject>(schema: S, env: Environment = process.env): StaticDecode<S> {
  const given: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties)) {
    const raw = env[name];
    if (raw !== undefined && raw !== '') given[name] = typeof raw === 'string' ? fromText(property, raw) : raw;
  }
  const value = Value.Default(schema, given) as Record<string, unknown>;
  const errors = [...Value.Errors(schema, value)];
  const wrong = new Set(errors.map((e) => e.path.slice(1).split('/')[0]));
  // A variable that is not set is said to be so, once, rather than also not to be a string.
  const unset = new Set(errors.filter((e) => e.type === ValueErrorType.ObjectRequiredProperty).map((e) => e.path));
  const set = errors.filter((e) => !unset.has(e.path));
  const described = [...describeErrors(set, '')].map((line) => line.replace(/^\//, ''));
  const problems = [...[...unset].map((path) => notSet(schema, path.slice(1))), ...described];
  // Then the conversions of the types in env-types.ts (a duration to milliseconds, a flag to a boolean), which
  // say themselves what is wrong with a value of the right form (a duration too short, a secret too short).
  for (const [name, property] of Object.entries(schema.properties)) {
    if (value[name] === undefined || wrong.has(name) || !TypeGuard.IsTransform(property)) continue;
    try {
      value[name] = Value.Decode(property, value[name]);
    } catch (err) {
      problems.push(`${name}: ${(err as Error).message}`);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return value as StaticDecode<S>;
}

/**
 * `readEnv` where a process starts: a problem ends it with exit code 1 and the problems on stderr, before it has
 * opened anything, rather than with a stack trace or on its first request.
 */
export function readEnvOrExit<S extends TObject>(schema: S, env: Environment = process.env): StaticDecode<S> {
  try {
    return readEnv(schema, env);
  } catch (err) {
    exitOnConfigError(err);
  }
}

/** Ends the process on a `ConfigError` (see `readEnvOrExit`); any other error is thrown on. */
export function exitOnConfigError(err: unknown): never {
  if (!(err instanceof ConfigError)) throw err;
  // Synchronous on a terminal, a file or a pipe (Linux), so nothing is lost to the exit.
  process.stderr.write(`Invalid environment:\n  ${err.problems.join('\n  ')}\n`);
  process.exit(1);
}

/**
 * Text to the schema's type. An integer goes through Number, not TypeBox's parseInt, so `1.5` is refused rather than
 * read as 1 and `1e3` is 1000.
 */
function fromText(schema: TSchema, text: string): unknown {
  return Value.Convert(schema[Kind] === 'Integer' ? Type.Number() : schema, text);
}

function notSet(schema: TObject, name: string): string {
  const description = schema.properties[name]?.description;
  return `${name}: required, but not set${description ? ` (${description})` : ''}`;
}
