import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl, serviceDatabaseName, withDatabase } from './connection.js';

describe('database URLs', () => {
  it('splits a URL into the discrete fields the Prisma adapter needs', () => {
    expect(parseDatabaseUrl('postgresql://u%40x:p%3Aw@db.example:6543/cabs_fees')).toEqual({
      host: 'db.example',
      port: 6543,
      user: 'u@x',
      password: 'p:w',
      database: 'cabs_fees',
    });
  });

  it('defaults port, user and database like libpq does', () => {
    expect(parseDatabaseUrl('postgres://localhost')).toMatchObject({
      port: 5432,
      user: 'postgres',
      database: 'postgres',
    });
  });

  it('rejects anything that is not PostgreSQL with a message saying so', () => {
    expect(() => parseDatabaseUrl('mysql://localhost/x')).toThrow(/postgresql:\/\//);
  });

  it('points the same server at another database, keeping credentials and options', () => {
    expect(withDatabase('postgresql://a:b@h:1/postgres?sslmode=require', 'cabs_transit')).toBe(
      'postgresql://a:b@h:1/cabs_transit?sslmode=require',
    );
  });

  it('names one database per service', () => {
    expect(serviceDatabaseName('notifications')).toBe('cabs_notifications');
  });
});
