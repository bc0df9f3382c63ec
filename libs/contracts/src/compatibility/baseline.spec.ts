import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
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
