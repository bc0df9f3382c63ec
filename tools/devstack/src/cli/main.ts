#!/usr/bin/env node
/**
 * The `cabs` CLI (`npm run cabs -- <command>`): for workshop attendees, presenters and tests, while `npm start` runs.
 */
import { parseArgs } from 'node:util';
import { DELIVERY_STATES, NoAnswer, Refused, type DeliveryState } from '@cabs/client';
import { systemPorts } from '../system.js';
import * as commands from './commands.js';
import { detectStack } from './detect-stack.js';
import { bad } from './format.js';
import { updateDestination } from './update-destination.js';
import type { Stack } from './stack.js';

const USAGE = `usage: npm run cabs -- <command>       (the system of \`npm start\`, or of \`docker compose up\`)

  status                      each process, its state and health
  stop <service> [--kill]     stop a process (SIGTERM; --kill for SIGKILL); it stays down until started
  start <service>             start it again
  ride                        create a ride ready to complete, complete it through the mesh, follow its settlement
  complete <transitId>        complete a ride through the mesh and follow its settlement
  update-destination <transitId> [--to <street>]
                              the rider goes elsewhere (a demo place; the next one without --to): transit queues
                              UpdateDestination for the mesh; follows the ride until its new distance and estimate show
  deliveries [--state S]      the mesh's pending, retrying and dead deliveries (S: pending|retrying|delivered|dead)
  redrive [<deliveryId> | --trigger T | --all]
                              send dead letters through the mesh again
  drain [--type T] [--dataschema URI]
                              are events of a type/version still in flight? (exit code 1 while they are)
  watch                       live stream of mesh activity`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    kill: { type: 'boolean', default: false },
    state: { type: 'string' },
    limit: { type: 'string', default: '50' },
    trigger: { type: 'string' },
    all: { type: 'boolean', default: false },
    type: { type: 'string' },
    dataschema: { type: 'string' },
    to: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const abort = new AbortController();
process.once('SIGINT', () => abort.abort());
const ports = systemPorts();
let stack: Promise<Stack> | undefined;
const ctx: commands.CliContext = {
  ports,
  print: (l) => process.stdout.write(`${l}\n`),
  signal: abort.signal,
  stack: () => (stack ??= detectStack(ports)),
};
const [command, arg] = positionals;

const need = (what: string) => {
  if (!arg) throw new UsageError(`\`${command}\` needs ${what}`);
  return arg;
};

class UsageError extends Error {}

const deliveryState = (state: string | undefined): DeliveryState | undefined => {
  const known = DELIVERY_STATES.find((s) => s === state);
  if (state !== undefined && !known) throw new UsageError(`--state is one of: ${DELIVERY_STATES.join(', ')}`);
  return known;
};

try {
  switch (values.help ? undefined : command) {
    case 'status':
      await commands.status(ctx);
      break;
    case 'stop':
      await commands.stop(ctx, need('a service name, e.g. `stop invoicing`'), values.kill);
      break;
    case 'start':
      await commands.start(ctx, need('a service name, e.g. `start invoicing`'));
      break;
    case 'ride':
      await commands.ride(ctx);
      break;
    case 'complete':
      await commands.complete(ctx, need('a transit id'));
      break;
    case 'update-destination':
      await updateDestination(ctx, need('a transit id'), values.to);
      break;
    case 'deliveries':
      await commands.deliveries(ctx, deliveryState(values.state), Number(values.limit));
      break;
    case 'redrive':
      if (!arg && !values.trigger && !values.all)
        throw new UsageError('`redrive` needs a delivery id, --trigger <name> or --all');
      await commands.redrive(ctx, { id: arg, trigger: values.trigger });
      break;
    case 'drain':
      await commands.drain(ctx, values.type, values.dataschema);
      break;
    case 'watch':
      await commands.watch(ctx);
      break;
    default:
      if (command && !values.help) throw new UsageError(`unknown command '${command}'`);
      process.stdout.write(`${USAGE}\n`);
  }
} catch (err) {
  const notRunning = err instanceof NoAnswer;
  process.stderr.write(
    `${bad('error')}: ${(err as Error).message}${notRunning ? '. Is the system running? Start it with: npm start (or: docker compose up -d)' : hint(err)}\n`,
  );
  if (err instanceof UsageError) process.stderr.write(`\n${USAGE}\n`);
  process.exitCode = notRunning ? 3 : 2;
}

/** What to do about a refusal the person can fix. */
function hint(err: unknown): string {
  const unauthorized = (err instanceof Refused && err.status === 401) || / 401: /.test((err as Error).message);
  if (!unauthorized) return '';
  return '\nThe system asks for the mesh token: `export MESH_TOKEN=...` and try again (docker compose: `export MESH_TOKEN=$(docker compose exec -T broker cat /var/lib/cabs/mesh-token)`, or put docker on PATH and the CLI reads it itself)';
}
