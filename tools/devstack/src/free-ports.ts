import { createServer } from 'node:net';
import { controlPort } from './control-server.js';
import { systemPorts } from './system.js';

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '0.0.0.0', () => probe.close(() => resolve(true)));
  });
}

/**
 * A port offset (CABS_PORT_OFFSET) at which every port of the system, its control API included, is free — for a
 * second system beside a developer's `npm start`: tests, the soak, the benchmark. Random, so systems started at the
 * same moment rarely try the same one. The ports stay below 32,768, where Linux hands out ephemeral ports for
 * outgoing connections, so a client socket cannot take one between this check and the process binding it.
 */
export async function freePortOffset(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const offset = 10_000 + 10 * Math.floor(Math.random() * 1400);
    if ((await Promise.all([...Object.values(systemPorts(offset)), controlPort(offset)].map(isFree))).every(Boolean))
      return offset;
  }
  throw new Error('No offset at which all of the system’s ports are free');
}
