import { Type } from '@sinclair/typebox';
import { MeshToken, readEnvOrExit, type Environment } from '@cabs/contracts';

/** What `npm start`, `npm run broker` and the `cabs` CLI read from the environment (docs/contract.md). */
const DevstackEnv = Type.Object({
  /** Shifts every port of the system, so tests can run a second system beside a developer's. */
  CABS_PORT_OFFSET: Type.Integer({ default: 0 }),
  /** The supervisor's control API; 3099 + the offset by default. */
  CABS_CONTROL_PORT: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
  /** A mesh-config folder of your own (e.g. a shorter retry budget for a workshop exercise). */
  MESH_CONFIG: Type.Optional(Type.String()),
  /** Several systems on one PostgreSQL server (the workshop test runs one beside yours). */
  CABS_DATABASE_PREFIX: Type.Optional(Type.String()),
  /** Passed on to every process by the supervisor; the CLI sends it to the broker. */
  MESH_TOKEN: MeshToken,
});

/** Read at each use, as tests change the environment between systems; a wrong value ends the process (`readEnvOrExit`). */
export const devstackEnv = (env: Environment = process.env) => readEnvOrExit(DevstackEnv, env);
