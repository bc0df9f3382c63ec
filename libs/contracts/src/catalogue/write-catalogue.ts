#!/usr/bin/env node
/** Regenerates docs/events.md from the contracts: npm run catalogue -w libs/contracts (after a build). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allContracts } from '../registry.js';
import { findRepoRoot } from '../repo-root.js';
import { CATALOGUE_FILE, renderCatalogue } from './render-catalogue.js';

const file = join(findRepoRoot(fileURLToPath(import.meta.url)), CATALOGUE_FILE);
writeFileSync(file, renderCatalogue(allContracts));
console.log(`Wrote ${file}`);
