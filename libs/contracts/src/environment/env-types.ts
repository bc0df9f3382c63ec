import { Type } from '@sinclair/typebox';
import { durationMs } from '../duration.js';

/**
 * The types an environment variable can have beyond TypeBox's own (`Type.Integer`, `Type.Number`, `Type.String`,
 * a union of literals): each reads the text a person types and gives the program its value. One notation per kind,
 * everywhere (docs/architecture.md, "Configuration"): durations in ISO 8601, as Knative's DeliverySpec writes them;
 * booleans `true` or `false`, as docker compose and Kubernetes manifests quote them.
 */

interface DurationOptions {
  /** ISO 8601, e.g. `PT0.5S`. */
  default?: string;
  /** Zero is refused: an interval of nothing would spin. */
  positive?: boolean;
  minimum?: string;
  maximum?: string;
  description?: string;
}

/** An ISO 8601 duration (`PT0.2S`, `PT30S`, `PT15M`), read as milliseconds. */
export function Duration({ positive = false, minimum, maximum, ...options }: DurationOptions = {}) {
  const min = minimum === undefined ? undefined : durationMs(minimum);
  const max = maximum === undefined ? undefined : durationMs(maximum);
  return Type.Transform(Type.String({ format: 'duration', ...options }))
    .Decode((text) => {
      const ms = durationMs(text);
      if (positive && ms <= 0) throw new RangeError(`must be longer than zero (got "${text}")`);
      if (min !== undefined && ms < min) throw new RangeError(`must be at least ${minimum} (got "${text}")`);
      if (max !== undefined && ms > max) throw new RangeError(`must be at most ${maximum} (got "${text}")`);
      return ms;
    })
    .Encode((ms) => `PT${ms / 1000}S`);
}

/**
 * A variable that was renamed (a duration's `_MS` or `_SECONDS` became ISO 8601): set, it stops the process, saying
 * what to set instead, rather than being silently ignored while the default applies.
 */
export function Renamed(to: string, example: string) {
  return Type.Optional(
    Type.Transform(Type.String())
      .Decode((): never => {
        throw new RangeError(`was renamed: set ${to}=${example} (ISO 8601) instead`);
      })
      .Encode(() => ''),
  );
}

/** `true` or `false`, nothing else: `on`, `yes` or `1` are refused rather than guessed at. */
export function Flag(options: { default: boolean; description?: string }) {
  return Type.Transform(
    Type.Union([Type.Literal('true'), Type.Literal('false')], { ...options, default: String(options.default) }),
  )
    .Decode((text) => text === 'true')
    .Encode((flag) => (flag ? 'true' : 'false'));
}

/** A shared secret: long enough to be one, and never echoed in a message (only its length). */
export function Secret(options: { minLength: number; description?: string }) {
  return Type.Transform(Type.String({ description: options.description }))
    .Decode((text) => {
      if (text.length < options.minLength)
        throw new RangeError(
          `must be at least ${options.minLength} characters long (got ${text.length}; e.g. openssl rand -hex 16)`,
        );
      return text;
    })
    .Encode((text) => text);
}

/**
 * `MESH_TOKEN`, checked alike by every process that reads it (docs/decisions/0011-mesh-authentication.md): unset or
 * empty turns authentication off; set, it must be at least 16 characters.
 */
export const MeshToken = Type.Optional(Secret({ minLength: 16, description: 'the bearer token of the local mesh' }));

/**
 * A PostgreSQL connection URL. Its text is not shown when it is wrong: it may hold a password
 * (`postgresql://transit:$(DB_PASSWORD)@…` on Kubernetes).
 */
export function DatabaseUrl(example: string) {
  return Type.Transform(Type.String({ description: `a postgresql:// URL, e.g. ${example}` }))
    .Decode((text) => {
      if (!/^postgres(ql)?:\/\/./.test(text))
        throw new RangeError(
          `must be a postgresql:// URL, e.g. ${example} (the value is not shown: it may hold a password)`,
        );
      return text;
    })
    .Encode((text) => text);
}

export const LogLevel = Type.Union(
  ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
  { default: 'info' },
);

/** `pretty` for a person at a terminal, JSON lines otherwise. */
export const LogFormat = Type.Union([Type.Literal('json'), Type.Literal('pretty')], { default: 'json' });

export const Port = (fallback: number) => Type.Integer({ minimum: 0, maximum: 65535, default: fallback });
