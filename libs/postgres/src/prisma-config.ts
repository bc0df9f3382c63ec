import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
import { parseDatabaseUrl } from './connection.js';

/**
 * The one Prisma CLI configuration every service uses (see docs/decisions/0003-prisma.md):
 * Prisma 6's Wasm schema engine through the `pg` driver adapter, so `migrate dev` and
 * `migrate deploy` run with nothing but npm packages.
 */
export function servicePrismaConfig() {
  return defineConfig({
    experimental: { adapter: true },
    schema: 'prisma',
    migrations: { path: 'prisma/migrations' },
    engine: 'js',
    adapter: async () => {
      const url = process.env.DATABASE_URL;
      if (!url) throw new Error('DATABASE_URL must name the service database for Prisma migrations');
      // A short idle timeout lets the CLI exit as soon as it is done instead of holding the pool for 10 s.
      return new PrismaPg({ ...parseDatabaseUrl(url), idleTimeoutMillis: 50 });
    },
  });
}
