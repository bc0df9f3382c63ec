import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { systemPorts, systemProcesses, type ProcessSpec } from '@cabs/devstack';

/**
 * Every process reads its environment one way (`readEnv`, docs/architecture.md "Configuration"): a wrong variable
 * stops it at start, exit code 1, each problem on stderr naming the variable and what was expected — no stack trace,
 * nothing opened (the database below does not exist, and no process gets as far as trying it).
 */
const processes = systemProcesses({ serverUrl: 'postgresql://nobody@127.0.0.1:1/postgres', ports: systemPorts(0) });

function start(spec: ProcessSpec, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, spec.args, {
    cwd: spec.dir,
    env: { PATH: process.env.PATH ?? '', ...spec.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

const TOKEN_TOO_SHORT = 'MESH_TOKEN: must be at least 16 characters long (got 5; e.g. openssl rand -hex 16)';
const NOT_A_DURATION = 'must be an ISO 8601 duration such as PT0.2S, PT30S or PT15M';

describe('configuration', () => {
  it.each(processes.map((p) => [p.name, p]))(
    '%s refuses a MESH_TOKEN shorter than 16 characters at start, as every process does',
    async (_name, spec) => {
      const { code, stderr } = await start(spec, { MESH_TOKEN: 'short' });
      expect(code).toBe(1);
      expect(stderr).toContain(`Invalid environment:\n  ${TOKEN_TOO_SHORT}\n`);
      expect(stderr).not.toMatch(/^\s+at /m);
    },
    30_000,
  );

  it('stops each kind of process on a duration in milliseconds, naming the variable', async () => {
    const spec = (name: string) => {
      const found = processes.find((p) => p.name === name);
      if (!found) throw new Error(`no process ${name}`);
      return found;
    };
    const [broker, meshConsole, transit] = await Promise.all([
      start(spec('broker'), { MESH_POLL_INTERVAL: '500', MESH_DISPATCH: 'off' }),
      start(spec('console'), { HEALTH_POLL_INTERVAL: '1500' }),
      start(spec('transit'), { RECONCILE_GRACE: '60000' }),
    ]);
    expect(broker).toEqual({
      code: 1,
      stderr: [
        'Invalid environment:',
        '  MESH_DISPATCH: must be one of "true", "false" (got "off")',
        `  MESH_POLL_INTERVAL: ${NOT_A_DURATION} (got "500")`,
        '',
      ].join('\n'),
    });
    expect(meshConsole).toEqual({
      code: 1,
      stderr: `Invalid environment:\n  HEALTH_POLL_INTERVAL: ${NOT_A_DURATION} (got "1500")\n`,
    });
    expect(transit.code).toBe(1);
    expect(transit.stderr).toContain(`Invalid environment:\n  RECONCILE_GRACE: ${NOT_A_DURATION} (got "60000")\n`);
    expect(transit.stderr).not.toMatch(/^\s+at /m);
  }, 30_000);
});
