#!/usr/bin/env node
/**
 * Publishes event schemas into the committed baseline, on purpose:
 *   npm run baseline -w libs/contracts -- [<type> [<version>]]   (after a build)
 * Refuses to overwrite a published version with an incompatible schema.
 */
import { fileURLToPath } from 'node:url';
import { allContracts } from '../registry.js';
import { findRepoRoot } from '../repo-root.js';
import { publishBaseline } from './publish-baseline.js';

const [type, version] = process.argv.slice(2);
if (version !== undefined && !/^[1-9][0-9]*$/.test(version)) {
  console.error(`The version must be a positive whole number such as 2 (got '${version}')`);
  process.exit(2);
}
const root = findRepoRoot(fileURLToPath(import.meta.url));
const only = type === undefined ? undefined : { type, version: version === undefined ? undefined : Number(version) };
const { written, refused } = publishBaseline(root, allContracts, only);

if (refused.length > 0) {
  console.error(`Refused; the baseline is unchanged:\n${refused.map((r) => `  - ${r}`).join('\n')}`);
  process.exit(1);
}
console.log(written.length > 0 ? written.join('\n') : 'The baseline already records every declared contract.');
