import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { workspaceRoot } from '@cabs/postgres';

/** The Triggers one ride completion fans out over: the command to transit and everything it sets off. */
export const COMPLETION_TRIGGERS = [
  'transit-complete-transit',
  'fees-calculate-fee',
  'invoicing-issue-invoice',
  'drivers-free-driver',
  'transit-driver-fee-calculated',
  'transit-invoice-issued',
  'transit-driver-freed',
  'notifications-transit-completed',
  'notifications-driver-fee-calculated',
  'notifications-invoice-issued',
] as const;

/** The deliveries after which a ride is settled: fee and invoice in transit's read model, driver freed, everyone told. */
export const SETTLED_WHEN_DELIVERED = [
  'transit-driver-fee-calculated',
  'transit-invoice-issued',
  'transit-driver-freed',
  'notifications-transit-completed',
  'notifications-driver-fee-calculated',
  'notifications-invoice-issued',
] as const;

/**
 * A copy of mesh-config/ without some Triggers. For the synchronous counter-example the mesh must not also settle
 * the ride: the services stay as they are (their outboxes still publish to the broker, which stores the events)
 * but nothing of a completion is delivered, so the orchestrator's calls are the only ones that do the work.
 */
export async function meshConfigWithout(triggers: readonly string[]): Promise<string> {
  const source = join(workspaceRoot(), 'mesh-config');
  const dir = await mkdtemp(join(tmpdir(), 'cabs-bench-mesh-config-'));
  for (const file of (await readdir(source)).filter((f) => /\.ya?ml$/.test(f))) {
    const docs = parseAllDocuments(await readFile(join(source, file), 'utf8')).map((d) => d.toJS());
    const kept = docs.filter((d) => !(d?.kind === 'Trigger' && triggers.includes(d.metadata?.name)));
    await writeFile(join(dir, file), kept.map((d) => stringify(d)).join('---\n'));
  }
  return dir;
}
