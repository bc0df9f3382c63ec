import { createServer } from 'node:net';
import { controlPort, systemPorts } from '@cabs/devstack';

const free = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '0.0.0.0', () => probe.close(() => resolve(true)));
  });

/**
 * A port offset (CABS_PORT_OFFSET) at which every port of the system is free. The ports stay below 32768, where
 * Linux hands out ephemeral ports for outgoing connections, so a client socket cannot take one mid-test.
 */
export async function freePortOffset(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const offset = 10_000 + 10 * Math.floor(Math.random() * 1400);
    const ports = [...Object.values(systemPorts(offset)), controlPort(offset)];
    if ((await Promise.all(ports.map(free))).every(Boolean)) return offset;
  }
  throw new Error('No free range of ports for a test system');
}
