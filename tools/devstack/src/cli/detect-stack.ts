import { NoAnswer } from '@cabs/client';
import { controlPort } from '../control-server.js';
import { SYSTEM_PROCESSES, type SystemPorts } from '../system.js';
import { ComposeStack, dockerCompose } from './compose-stack.js';
import { LocalStack } from './local-stack.js';
import { answers, healthUrl, type Stack } from './stack.js';

/**
 * Which system answers on these ports: `npm start`'s when its control server does; otherwise docker compose's
 * (which publishes the same ports) when any process of the system answers. NoAnswer when nothing does.
 */
export async function detectStack(ports: SystemPorts): Promise<Stack> {
  const control = `http://127.0.0.1:${controlPort()}`;
  if (await answers(`${control}/processes`)) return new LocalStack(control, ports);
  const answering = await Promise.all(SYSTEM_PROCESSES.map((name) => answers(healthUrl(ports, name, 'live'))));
  if (answering.some(Boolean)) return new ComposeStack(ports, dockerCompose());
  throw new NoAnswer(
    `Nothing answers at 127.0.0.1:${ports.brokerAdmin} (the broker's admin port) nor at any service's port`,
  );
}
