import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { issueInvoiceV1, issueInvoiceV2 } from '../events/invoicing.events.js';
import { allContracts } from '../registry.js';
import { findRepoRoot } from '../repo-root.js';
import { readBaseline } from './baseline-files.js';
import { checkCompatibility } from './check-compatibility.js';

// The guard itself: event schemas are the API, so a published one never changes incompatibly.
describe('the committed schema baseline', () => {
  const report = checkCompatibility(readBaseline(findRepoRoot(fileURLToPath(import.meta.url))), allContracts);
  const names = (list: typeof allContracts) => list.map((c) => `${c.type} v${c.version}`);
  const publish = 'npm run build && npm run baseline -w libs/contracts --';

  it('is compatible with the declared contracts', () => {
    expect(report.breaking, 'Breaking changes to published event schemas (see docs/decisions/0007)').toEqual([]);
  });

  it('publishes every declared version', () => {
    expect(names(report.unpublished), `Publish new versions on purpose: ${publish} <type> <version>`).toEqual([]);
  });

  it('records compatible additions', () => {
    expect(names(report.outdated), `Record the additions: ${publish} <type>`).toEqual([]);
  });
});

// The worked example of docs/decisions/0010: issue-invoice's new shape is v2 because, as v1, it would break.
describe('issue-invoice v1 changed in place to the shape of v2', () => {
  const v1 = issueInvoiceV1;
  const inPlace = { ...v1, schema: { ...issueInvoiceV2.schema, $id: v1.dataschema } };
  const declared = allContracts.map((c) => (c === v1 ? inPlace : c));
  const report = checkCompatibility(readBaseline(findRepoRoot(fileURLToPath(import.meta.url))), declared);

  it('is rejected by the guard, naming each break', () => {
    const breaking =
      'events valid under the published schema would be rejected; publish the change as a new version instead';
    expect(report.breaking).toEqual([
      "cabs.invoicing.issue-invoice v1, data/amount: property removed (renamed to 'gross'?) — readers of the published schema may rely on it; publish the change as a new version instead",
      `cabs.invoicing.issue-invoice v1, data/gross: new required property — ${breaking}`,
      `cabs.invoicing.issue-invoice v1, data/taxRate: new required property — ${breaking}`,
    ]);
  });
});
