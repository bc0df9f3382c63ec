import { Type, type StaticDecode } from '@sinclair/typebox';
import { DatabaseUrl, LogFormat, LogLevel, MeshToken, Port, readEnv, type Environment } from '@cabs/contracts';

/** The pools' sizes (docs/decisions/0014-write-side-in-sql.md): the writes' node-postgres pool and Prisma's reads'. */
const DatabasePools = {
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, default: 10 }),
  DATABASE_READ_POOL_SIZE: Type.Integer({ minimum: 1, default: 5 }),
};

/** The environment every service reads. Knative's SinkBinding injects K_SINK and K_CE_OVERRIDES. */
const platformEnv = (defaultPort: number) =>
  Type.Object({
    PORT: Port(defaultPort),
    DATABASE_URL: DatabaseUrl('postgresql://postgres:postgres@127.0.0.1:54329/cabs_transit'),
    ...DatabasePools,
    K_SINK: Type.Optional(Type.String({ format: 'http-url' })),
    K_CE_OVERRIDES: Type.Optional(Type.String()),
    LOG_LEVEL: LogLevel,
    LOG_FORMAT: LogFormat,
    MESH_TOKEN: MeshToken,
  });
export type PlatformEnv = StaticDecode<ReturnType<typeof platformEnv>>;

/** Injection token of the validated environment. */
export const PLATFORM_ENV = Symbol.for('cabs.platform.env');

/**
 * Reads the environment at start-up, with every problem in one `ConfigError` (`bootstrapService` ends the process
 * with it): a service with a wrong DATABASE_URL should refuse to start and say why, not fail on its first request.
 * The rest of the environment is passed on as it is, for a service's own settings (transit's `config/`).
 */
export function readPlatformEnv(env: Environment, defaultPort: number): PlatformEnv & Environment {
  return { ...env, ...readEnv(platformEnv(defaultPort), env) };
}

/** The size of Prisma's pool, for `prismaOptions`, which each service's database class calls with a URL only. */
export const readPoolSize = (env: Environment = process.env): number =>
  readEnv(Type.Object(DatabasePools), env).DATABASE_READ_POOL_SIZE;
