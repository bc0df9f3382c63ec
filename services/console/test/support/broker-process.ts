import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort, waitFor } from '@cabs/testing';

export interface BrokerProcess {
  ingressUrl: string;
  adminUrl: string;
  /** Everything it printed: shown when a test fails. */
  output: string[];
  /** Kills it (the console must notice) and starts it again on the same ports. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const brokerDir = fileURLToPath(new URL('../../../broker', import.meta.url));

/**
 * The real broker, as its own OS process from its build output (a service's tests do not import another
 * service's code), over a database of the run's PostgreSQL.
 */
export async function startBrokerProcess(env: {
  DATABASE_URL: string;
  MESH_CONFIG: string;
  MESH_TOKEN?: string;
}): Promise<BrokerProcess> {
  const [port, adminPort] = [await freePort(), await freePort()];
  const adminUrl = `http://127.0.0.1:${adminPort}`;
  const output: string[] = [];
  let child: ChildProcess | undefined;

  const start = async () => {
    const started = spawn(process.execPath, ['dist/main.js'], {
      cwd: brokerDir,
      env: {
        ...process.env,
        ...env,
        HOST: '127.0.0.1',
        PORT: String(port),
        ADMIN_PORT: String(adminPort),
        MESH_POLL_INTERVAL: 'PT0.1S',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    started.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
    started.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
    await waitFor(
      `the broker to be ready at ${adminUrl}`,
      async () => {
        if (started.exitCode !== null)
          throw new Error(`the broker exited with ${started.exitCode}: ${output.join('')}`);
        return (
          (await fetch(`${adminUrl}/health/ready`).then(
            (r) => r.ok,
            () => false,
          )) || undefined
        );
      },
      { timeoutMs: 30_000 },
    );
  };
  const stop = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };

  await start();
  return {
    ingressUrl: `http://127.0.0.1:${port}/cabs/default`,
    adminUrl,
    output,
    stop,
    async restart() {
      await stop();
      await start();
    },
  };
}
