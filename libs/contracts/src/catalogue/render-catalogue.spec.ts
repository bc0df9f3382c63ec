import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type } from '@sinclair/typebox';
import { allContracts } from '../registry.js';
import { defineEvent } from '../define-event.js';
import { Id, Tariff } from '../building-blocks.js';
import { findRepoRoot } from '../repo-root.js';
import { CATALOGUE_FILE, renderCatalogue } from './render-catalogue.js';

describe('the committed catalogue', () => {
  it('is what the contracts render, so it never goes stale', () => {
    const committed = readFileSync(join(findRepoRoot(fileURLToPath(import.meta.url)), CATALOGUE_FILE), 'utf8');
    expect(committed, `${CATALOGUE_FILE} is stale: run npm run build && npm run catalogue -w libs/contracts`).toBe(
      renderCatalogue(allContracts),
    );
  });
});

describe('renderCatalogue', () => {
  const rated = (version: number, status: 'current' | 'deprecated' | 'removed', description: string) =>
    defineEvent({
      type: 'cabs.transit.ride-rated',
      version,
      kind: 'fact',
      status,
      description,
      sentBy: ['transit'],
      handledBy: ['notifications', 'drivers'],
      schema: Type.Object({
        transitId: Id('the ride'),
        stars: Type.Integer({ minimum: 1, maximum: 5 }),
        tariff: Type.Optional(Tariff),
      }),
    });
  const markdown = renderCatalogue([
    rated(1, 'removed', 'Stars only.'),
    rated(2, 'deprecated', 'Stars, old.'),
    rated(3, 'current', 'A client rated a ride.'),
  ]);

  it('lists every type once, with all its versions and their status', () => {
    expect(markdown).toContain(
      '| [`cabs.transit.ride-rated`](#cabstransitride-rated) | fact | v1 (removed), v2 (deprecated), v3 (current) | transit | notifications, drivers |',
    );
    expect(markdown).toContain('### cabs.transit.ride-rated\n\nA client rated a ride.');
    expect(markdown.match(/^#### .*$/gm)).toEqual([
      '#### cabs.transit.ride-rated v1 (removed)',
      '#### cabs.transit.ride-rated v2 (deprecated)',
      '#### cabs.transit.ride-rated v3 (current)',
    ]);
    expect(markdown).not.toContain('## Commands');
  });

  it('describes each field and embeds the JSON Schema', () => {
    expect(markdown).toContain('| `transitId` | string, uuid | yes | Id of the ride |');
    expect(markdown).toContain('| `stars` | integer, 1 to 5 | yes |  |');
    expect(markdown).toContain(
      '| `tariff` | one of `"standard"`, `"weekend"`, `"weekend-plus"`, `"new-years-eve"` | no |',
    );
    expect(markdown).toContain('"$id": "urn:cabs:schema:cabs.transit.ride-rated:v3"');
  });
});
