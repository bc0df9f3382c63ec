import type { EventContract } from '../define-event.js';
import { publishedSchema, type JsonSchema } from '../json-schema.js';
import { compareSchemas, type Effect } from './compare-schemas.js';

/** One type and version as it was published (a file of the committed baseline). */
export interface PublishedVersion {
  type: string;
  version: number;
  schema: JsonSchema;
}

export interface CompatibilityReport {
  /** Changes that break senders or readers of a published version; each names type, version and field. */
  breaking: string[];
  /** Declared versions with no baseline yet: publish them deliberately (write-baseline). */
  unpublished: EventContract[];
  /** Published versions changed compatibly (added optional fields): record the change in the baseline. */
  outdated: EventContract[];
}

const WHY: Record<Effect, string> = {
  narrower: 'events valid under the published schema would be rejected',
  wider: 'readers checking against the published schema would reject the new events',
  removed: 'readers of the published schema may rely on it',
  changed: 'senders and readers of the published schema would disagree',
};

const NEW_VERSION = 'publish the change as a new version instead';

/** Compares the declared contracts with the published baseline. */
export function checkCompatibility(
  baseline: readonly PublishedVersion[],
  contracts: readonly EventContract[],
): CompatibilityReport {
  const report: CompatibilityReport = { breaking: [], unpublished: [], outdated: [] };
  const find = (type: string, version: number) => contracts.find((c) => c.type === type && c.version === version);
  for (const published of baseline) {
    const name = `${published.type} v${published.version}`;
    const contract = find(published.type, published.version);
    if (!contract) {
      report.breaking.push(
        `${name}: published version is no longer declared; keep it in the registry with status 'removed'`,
      );
      continue;
    }
    const current = publishedSchema(contract);
    if (published.schema.$id !== contract.dataschema) {
      report.breaking.push(
        `${name}: dataschema changed from ${String(published.schema.$id)} to ${contract.dataschema}; events naming the published one would find no contract`,
      );
    }
    const changes = compareSchemas(published.schema, current);
    for (const { path, change, effect } of changes) {
      report.breaking.push(`${name}, ${path}: ${change} — ${WHY[effect]}; ${NEW_VERSION}`);
    }
    if (changes.length === 0 && JSON.stringify(published.schema) !== JSON.stringify(current))
      report.outdated.push(contract);
  }
  report.unpublished = contracts.filter((c) => !baseline.some((p) => p.type === c.type && p.version === c.version));
  return report;
}
