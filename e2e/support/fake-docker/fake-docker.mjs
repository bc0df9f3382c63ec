// A stand-in for `docker compose`, for tests of the `cabs` CLI against a compose-like system without Docker: it logs
// each invocation (FAKE_DOCKER_LOG) and acts on a test system's supervisor through its control API
// (FAKE_DOCKER_CONTROL): `compose -f FILE stop|kill|start SERVICE`, `compose -f FILE ps --all --format json`,
// `compose -f FILE exec -T SERVICE cat /var/lib/cabs/mesh-token` (prints FAKE_MESH_TOKEN).
import { appendFileSync } from 'node:fs';

const args = process.argv.slice(2);
appendFileSync(process.env.FAKE_DOCKER_LOG, `docker ${args.join(' ')}\n`);
const [compose, f, , command, ...rest] = args;
if (compose !== 'compose' || f !== '-f') fail(`unexpected: docker ${args.join(' ')}`);
const control = process.env.FAKE_DOCKER_CONTROL;
const post = async (path) => {
  const response = await fetch(`${control}${path}`, { method: 'POST' });
  if (!response.ok) fail(`no such service: ${await response.text()}`);
};

switch (command) {
  case 'stop':
    await post(`/processes/${rest[0]}/stop`);
    break;
  case 'kill':
    await post(`/processes/${rest[0]}/stop?kill=true`);
    break;
  case 'start':
    await post(`/processes/${rest[0]}/start`);
    break;
  case 'ps': {
    const processes = await (await fetch(`${control}/processes`)).json();
    for (const p of processes)
      process.stdout.write(
        `${JSON.stringify({ Service: p.name, State: p.state === 'ready' || p.state === 'starting' ? 'running' : 'exited' })}\n`,
      );
    break;
  }
  case 'exec':
    if (rest.join(' ') !== `-T ${rest[1]} cat /var/lib/cabs/mesh-token`) fail(`unexpected exec: ${rest.join(' ')}`);
    process.stdout.write(`${process.env.FAKE_MESH_TOKEN}\n`);
    break;
  default:
    fail(`unexpected compose command: ${command}`);
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
