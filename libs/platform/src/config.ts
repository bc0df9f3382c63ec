import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/** The environment every service reads. Knative's SinkBinding injects K_SINK and K_CE_OVERRIDES. */
export const PlatformEnv = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535 }),
  DATABASE_URL: Type.String({ pattern: '^postgres(ql)?://' }),
  K_SINK: Type.Optional(Type.String({ pattern: '^https?://' })),
  K_CE_OVERRIDES: Type.Optional(Type.String()),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  LOG_FORMAT: Type.Union([Type.Literal('json'), Type.Literal('pretty')], { default: 'json' }),
  MESH_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
});
export type PlatformEnv = Static<typeof PlatformEnv>;

/** Injection token of the validated environment. */
export const PLATFORM_ENV = Symbol.for('cabs.platform.env');

/**
 * Validates the environment at start-up, with every problem in one message: a service with a wrong DATABASE_URL
 * should refuse to start and say why, not fail on its first request.
 */
export function validatePlatformEnv(
  raw: Record<string, unknown>,
  defaults: { PORT: number },
): PlatformEnv & Record<string, unknown> {
  const input = { ...raw, PORT: raw.PORT ?? defaults.PORT };
  const converted = Value.Default(PlatformEnv, Value.Convert(PlatformEnv, Value.Clone(input))) as Record<
    string,
    unknown
  >;
  const problems = [...Value.Errors(PlatformEnv, converted)].map(
    (e) => `${e.path.slice(1) || 'environment'}: ${e.message}`,
  );
  if (problems.length) throw new Error(`Invalid environment:\n  ${problems.join('\n  ')}`);
  return converted as PlatformEnv & Record<string, unknown>;
}
