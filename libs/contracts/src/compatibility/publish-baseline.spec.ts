import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import { defineEvent } from '../define-event.js';
import { Id } from '../building-blocks.js';
import { baselineFile } from './baseline-files.js';
import { publishBaseline } from './publish-baseline.js';

const assigned = (version: number, properties: Parameters<typeof Type.Object>[0]) =>
  defineEvent({
    type: 'cabs.transit.driver-assigned',
    version,
    kind: 'fact',
    status: 'current',
    description: 'A driver accepted a ride.',
    sentBy: ['transit'],
    handledBy: ['drivers'],
    schema: Type.Object(properties),
  });

describe('publishBaseline', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'cabs-baseline-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const read = (version: number) =>
    JSON.parse(readFileSync(baselineFile(root, 'cabs.transit.driver-assigned', version), 'utf8'));

  const v1 = assigned(1, { transitId: Id('the ride'), driverId: Id('the driver') });

  it('publishes a new version as its JSON Schema', () => {
    expect(publishBaseline(root, [v1])).toEqual({
      written: ['published cabs.transit.driver-assigned v1'],
      refused: [],
    });
    expect(read(1)).toMatchObject({ $id: v1.dataschema, required: ['transitId', 'driverId'] });
    expect(publishBaseline(root, [v1])).toEqual({ written: [], refused: [] });
  });

  it('records an additive change to a published version', () => {
    publishBaseline(root, [v1]);
    const additive = assigned(1, {
      transitId: Id('the ride'),
      driverId: Id('the driver'),
      etaMinutes: Type.Optional(Type.Integer()),
    });
    expect(publishBaseline(root, [additive]).written).toEqual([
      'recorded additions to cabs.transit.driver-assigned v1',
    ]);
    expect(Object.keys(read(1).properties)).toEqual(['transitId', 'driverId', 'etaMinutes']);
  });

  it('refuses to overwrite a published version with an incompatible schema, and writes nothing', () => {
    publishBaseline(root, [v1]);
    const renamed = assigned(1, { rideId: Id('the ride'), driverId: Id('the driver') });
    const v2 = assigned(2, { rideId: Id('the ride'), driverId: Id('the driver') });
    const outcome = publishBaseline(root, [renamed, v2]);
    expect(outcome.written).toEqual([]);
    expect(outcome.refused).toEqual([
      expect.stringMatching(
        /^cabs\.transit\.driver-assigned v1, data\/transitId: property removed \(renamed to 'rideId'\?\)/,
      ),
      expect.stringMatching(/^cabs\.transit\.driver-assigned v1, data\/rideId: new required property/),
    ]);
    expect(read(1).properties).toHaveProperty('transitId');
    expect(() => read(2)).toThrow(/ENOENT/);
  });

  it('publishes only the selected version, so v2 goes out while v1 stays as it was', () => {
    publishBaseline(root, [v1]);
    const v2 = assigned(2, { rideId: Id('the ride'), driverId: Id('the driver') });
    expect(publishBaseline(root, [v1, v2], { type: v2.type, version: 2 }).written).toEqual([
      'published cabs.transit.driver-assigned v2',
    ]);
    expect(publishBaseline(root, [v1], { type: 'cabs.transit.driver-asigned' }).refused).toEqual([
      'No declared contract cabs.transit.driver-asigned; the declared types are: cabs.transit.driver-assigned',
    ]);
  });
});
