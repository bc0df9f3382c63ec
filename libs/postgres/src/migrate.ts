import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
const unrefLongTimers = fileURLToPath(new URL('../bin/unref-long-timers.mjs', import.meta.url));

/** The environment every Prisma CLI call gets: offline, quiet. */
export const prismaCliEnv = {
  CHECKPOINT_DISABLE: '1',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  PRISMA_DISABLE_WARNINGS: '1',
} as const;

/** Applies a service's committed migrations (`prisma migrate deploy`) to the given database. */
export function migrateDeploy(serviceDir: string, databaseUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', unrefLongTimers, prismaCli, 'migrate', 'deploy'], {
      cwd: serviceDir,
      env: { ...process.env, ...prismaCliEnv, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma migrate deploy failed in ${serviceDir} (exit ${code}):\n${output}`)),
    );
  });
}
