import { PrismaClientInitializationError, PrismaClientKnownRequestError } from '@prisma/client/runtime/client';
import { DriverAdapterError } from '@prisma/driver-adapter-utils';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './database-unavailable.js';

const clientVersion = '6.19.3';
const known = (code: string, cause?: Record<string, unknown>) =>
  new PrismaClientKnownRequestError('failed', {
    code,
    clientVersion,
    meta: cause ? { driverAdapterError: { name: 'DriverAdapterError', cause } } : undefined,
  });

describe('isDatabaseUnavailable', () => {
  it.each([
    ["Prisma can't reach the server (P1001)", known('P1001')],
    ['the server closed the connection (P1017)', known('P1017')],
    ['no pooled connection in time (P2024)', known('P2024')],
    [
      'the adapter saw the server go away',
      known('P2010', { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 }),
    ],
    ['the server is shutting down (57P01)', known('P2010', { kind: 'postgres', code: '57P01' })],
    ['a connection exception (08006)', known('P2010', { originalCode: '08006' })],
    [
      'the server is starting up, unwrapped (57P03)',
      new DriverAdapterError({
        kind: 'postgres',
        code: '57P03',
        severity: 'FATAL',
        message: 'the database system is starting up',
      } as never),
    ],
    ['the client could not start', new PrismaClientInitializationError('cannot connect', clientVersion)],
    [
      "node-postgres's client lost its connection",
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    [
      'node-postgres told the server is shutting down (57P01)',
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    ],
    [
      'node-postgres told the server is starting up (57P03)',
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
    ],
    [
      'a pool that cannot connect at all',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
  ])('says yes when %s', (_, error) => expect(isDatabaseUnavailable(error)).toBe(true));

  it.each([
    ['a unique constraint (P2002)', known('P2002')],
    ['a record not found (P2025)', known('P2025')],
    ['a constraint the adapter reports', known('P2010', { kind: 'postgres', code: '23505' })],
    ['a wrapped value out of range', new DriverAdapterError({ kind: 'ValueOutOfRange', cause: 'too big' } as never)],
    ['any other error', new Error('boom')],
    [
      'a unique violation from node-postgres (23505)',
      Object.assign(new Error('duplicate key value'), { code: '23505' }),
    ],
    ['something that is not an error', 'P1001'],
  ])('says no to %s', (_, error) => expect(isDatabaseUnavailable(error)).toBe(false));
});
