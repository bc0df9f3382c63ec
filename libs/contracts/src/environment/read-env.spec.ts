import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { DatabaseUrl, Duration, Flag, LogLevel, MeshToken, Port, Renamed, Secret } from './env-types.js';
import { ConfigError, readEnv } from './read-env.js';

const problemsOf = (read: () => unknown): readonly string[] => {
  try {
    read();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('no ConfigError');
};

describe('readEnv', () => {
  const Schema = Type.Object({
    DATABASE_URL: Type.String({ format: 'http-url', description: 'e.g. http://127.0.0.1:8080' }),
    PORT: Port(8080),
    CONCURRENCY: Type.Integer({ minimum: 1, default: 16 }),
    DISTANCE_KM: Type.Number({ minimum: 0, default: 42 }),
    POLL: Duration({ default: 'PT0.5S', positive: true }),
    GRACE: Duration({ default: 'PT1M' }),
    HEALTH: Duration({ default: 'PT1.5S', minimum: 'PT0.1S', maximum: 'PT1M' }),
    DISPATCH: Flag({ default: true }),
    LOG_LEVEL: LogLevel,
    MESH_TOKEN: MeshToken,
    LABEL: Type.Optional(Type.String()),
  });
  const required = { DATABASE_URL: 'http://127.0.0.1:8080' };

  it('gives the defaults for what is not set, and takes what is', () => {
    expect(readEnv(Schema, required)).toEqual({
      DATABASE_URL: 'http://127.0.0.1:8080',
      PORT: 8080,
      CONCURRENCY: 16,
      DISTANCE_KM: 42,
      POLL: 500,
      GRACE: 60_000,
      HEALTH: 1500,
      DISPATCH: true,
      LOG_LEVEL: 'info',
    });
    expect(
      readEnv(Schema, {
        ...required,
        PORT: '0',
        CONCURRENCY: '4',
        DISTANCE_KM: '12.5',
        POLL: 'PT0.1S',
        GRACE: 'PT15M',
        HEALTH: 'PT1M',
        DISPATCH: 'false',
        LOG_LEVEL: 'debug',
        MESH_TOKEN: 'a'.repeat(32),
        LABEL: 'x',
        UNRELATED: 'left alone',
      }),
    ).toEqual({
      DATABASE_URL: 'http://127.0.0.1:8080',
      PORT: 0,
      CONCURRENCY: 4,
      DISTANCE_KM: 12.5,
      POLL: 100,
      GRACE: 900_000,
      HEALTH: 60_000,
      DISPATCH: false,
      LOG_LEVEL: 'debug',
      MESH_TOKEN: 'a'.repeat(32),
      LABEL: 'x',
    });
  });

  it('counts an empty value as unset, as compose passes `${MESH_TOKEN:-}`', () => {
    const read = readEnv(Schema, { ...required, MESH_TOKEN: '', POLL: '', DISPATCH: '' });
    expect(read.MESH_TOKEN).toBeUndefined();
    expect(read.POLL).toBe(500);
    expect(read.DISPATCH).toBe(true);
  });

  it('reads durations in ISO 8601 only, within their bounds', () => {
    expect(problemsOf(() => readEnv(Schema, { ...required, GRACE: 'abc' }))).toEqual([
      'GRACE: must be an ISO 8601 duration such as PT0.2S, PT30S or PT15M (got "abc")',
    ]);
    // Milliseconds without a unit are the notation this replaced: refused, not read as something else.
    expect(problemsOf(() => readEnv(Schema, { ...required, POLL: '500' }))).toEqual([
      'POLL: must be an ISO 8601 duration such as PT0.2S, PT30S or PT15M (got "500")',
    ]);
    expect(problemsOf(() => readEnv(Schema, { ...required, POLL: 'PT0S' }))).toEqual([
      'POLL: must be longer than zero (got "PT0S")',
    ]);
    expect(problemsOf(() => readEnv(Schema, { ...required, HEALTH: 'PT0.05S' }))).toEqual([
      'HEALTH: must be at least PT0.1S (got "PT0.05S")',
    ]);
    expect(problemsOf(() => readEnv(Schema, { ...required, HEALTH: 'PT2M' }))).toEqual([
      'HEALTH: must be at most PT1M (got "PT2M")',
    ]);
    expect(readEnv(Schema, { ...required, GRACE: 'PT0S' }).GRACE).toBe(0);
  });

  it('refuses a renamed variable, saying what to set instead, rather than ignoring it', () => {
    const Renaming = Type.Object({ GRACE: Duration({ default: 'PT1M' }), GRACE_MS: Renamed('GRACE', 'PT1M') });
    expect(readEnv(Renaming, {})).toEqual({ GRACE: 60_000 });
    expect(problemsOf(() => readEnv(Renaming, { GRACE_MS: '900000' }))).toEqual([
      'GRACE_MS: was renamed: set GRACE=PT1M (ISO 8601) instead',
    ]);
  });

  it('reads booleans as true or false, nothing else', () => {
    for (const text of ['on', 'yes', '1', 'TRUE']) {
      expect(problemsOf(() => readEnv(Schema, { ...required, DISPATCH: text }))).toEqual([
        `DISPATCH: must be one of "true", "false" (got "${text}")`,
      ]);
    }
  });

  it('reads numbers as decimals; an integer must be one', () => {
    expect(readEnv(Schema, { ...required, CONCURRENCY: '1e3' }).CONCURRENCY).toBe(1000);
    expect(problemsOf(() => readEnv(Schema, { ...required, CONCURRENCY: '1.5' }))).toEqual([
      'CONCURRENCY: must be an integer (got 1.5)',
    ]);
    expect(problemsOf(() => readEnv(Schema, { ...required, CONCURRENCY: 'many' }))).toEqual([
      'CONCURRENCY: must be an integer (got "many")',
    ]);
    expect(problemsOf(() => readEnv(Schema, { ...required, CONCURRENCY: '0' }))).toEqual([
      'CONCURRENCY: must be at least 1 (got 0)',
    ]);
    expect(problemsOf(() => readEnv(Schema, { ...required, PORT: '70000' }))).toEqual([
      'PORT: must be at most 65535 (got 70000)',
    ]);
    expect(problemsOf(() => readEnv(Schema, { ...required, DISTANCE_KM: 'far' }))).toEqual([
      'DISTANCE_KM: must be a finite number (got "far")',
    ]);
  });

  it('says a required variable is not set, with its description', () => {
    expect(problemsOf(() => readEnv(Schema, {}))).toEqual([
      'DATABASE_URL: required, but not set (e.g. http://127.0.0.1:8080)',
    ]);
    expect(problemsOf(() => readEnv(Schema, { DATABASE_URL: '' }))).toEqual([
      'DATABASE_URL: required, but not set (e.g. http://127.0.0.1:8080)',
    ]);
    expect(problemsOf(() => readEnv(Schema, { DATABASE_URL: 'broker:8080' }))).toEqual([
      'DATABASE_URL: must be an absolute http:// or https:// URL such as http://127.0.0.1:8080 (got "broker:8080")',
    ]);
  });

  it('checks a secret without ever showing it', () => {
    const [problem] = problemsOf(() => readEnv(Schema, { ...required, MESH_TOKEN: 'hunter2' }));
    expect(problem).toBe('MESH_TOKEN: must be at least 16 characters long (got 7; e.g. openssl rand -hex 16)');
    expect(problem).not.toContain('hunter2');
    const Console = Type.Object({ CONSOLE_TOKEN: Type.Optional(Secret({ minLength: 20 })) });
    expect(problemsOf(() => readEnv(Console, { CONSOLE_TOKEN: 'a'.repeat(19) }))).toEqual([
      'CONSOLE_TOKEN: must be at least 20 characters long (got 19; e.g. openssl rand -hex 16)',
    ]);
  });

  it('checks a database URL without showing it: it may hold a password', () => {
    const Database = Type.Object({ DATABASE_URL: DatabaseUrl('postgresql://127.0.0.1:5432/cabs') });
    expect(readEnv(Database, { DATABASE_URL: 'postgres://u:p@db/cabs' })).toEqual({
      DATABASE_URL: 'postgres://u:p@db/cabs',
    });
    expect(problemsOf(() => readEnv(Database, { DATABASE_URL: 'postgress://u:hunter2@db/cabs' }))).toEqual([
      'DATABASE_URL: must be a postgresql:// URL, e.g. postgresql://127.0.0.1:5432/cabs (the value is not shown: it may hold a password)',
    ]);
  });

  it('reports every problem at once, each naming its variable, in the ConfigError message', () => {
    let error: unknown;
    try {
      readEnv(Schema, { PORT: 'eighty', POLL: 'soon', DISPATCH: 'on', LOG_LEVEL: 'loud', MESH_TOKEN: 'short' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message.split('\n')).toEqual([
      'DATABASE_URL: required, but not set (e.g. http://127.0.0.1:8080)',
      'PORT: must be an integer (got "eighty")',
      'POLL: must be an ISO 8601 duration such as PT0.2S, PT30S or PT15M (got "soon")',
      'DISPATCH: must be one of "true", "false" (got "on")',
      'LOG_LEVEL: must be one of "fatal", "error", "warn", "info", "debug", "trace", "silent" (got "loud")',
      'MESH_TOKEN: must be at least 16 characters long (got 5; e.g. openssl rand -hex 16)',
    ]);
  });

  it('reads process.env when given no environment', () => {
    const name = 'CABS_READ_ENV_SPEC';
    process.env[name] = 'PT2S';
    try {
      expect(readEnv(Type.Object({ [name]: Duration() }))).toEqual({ [name]: 2000 });
    } finally {
      delete process.env[name];
    }
  });
});
