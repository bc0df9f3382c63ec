import { describe, expect, it } from 'vitest';
import { Type, type TSchema } from '@sinclair/typebox';
import { defineEvent, type EventContract } from '../define-event.js';
import { Id, Money } from '../building-blocks.js';
import { publishedSchema } from '../json-schema.js';
import { checkCompatibility, type PublishedVersion } from './check-compatibility.js';

const tipped = (version: number, schema: TSchema = Type.Object({ transitId: Id('the ride'), tip: Money })) =>
  defineEvent({
    type: 'cabs.transit.tip-given',
    version,
    kind: 'fact',
    status: 'current',
    description: 'A client tipped the driver.',
    sentBy: ['transit'],
    handledBy: ['fees'],
    schema,
  });

const publish = (...contracts: EventContract[]): PublishedVersion[] =>
  contracts.map((c) => ({ type: c.type, version: c.version, schema: publishedSchema(c) }));

describe('checkCompatibility', () => {
  const v1 = tipped(1);

  it('passes contracts equal to the baseline', () => {
    expect(checkCompatibility(publish(v1), [v1])).toEqual({ breaking: [], unpublished: [], outdated: [] });
  });

  it('names type, version, field and the way out for each break', () => {
    const narrowed = tipped(1, Type.Object({ transitId: Id('the ride'), tip: Money, note: Type.String() }));
    expect(checkCompatibility(publish(v1), [narrowed]).breaking).toEqual([
      'cabs.transit.tip-given v1, data/note: new required property — events valid under the published schema would be rejected; ' +
        'publish the change as a new version instead',
    ]);
  });

  it('passes a breaking change published as a new version next to the old one, and asks to publish it', () => {
    const v2 = tipped(2, Type.Object({ transitId: Id('the ride'), tip: Money, note: Type.String() }));
    expect(checkCompatibility(publish(v1), [v1, v2])).toEqual({ breaking: [], unpublished: [v2], outdated: [] });
  });

  it('asks to record an additive change in the baseline', () => {
    const additive = tipped(
      1,
      Type.Object({ transitId: Id('the ride'), tip: Money, note: Type.Optional(Type.String()) }),
    );
    expect(checkCompatibility(publish(v1), [additive])).toEqual({
      breaking: [],
      unpublished: [],
      outdated: [additive],
    });
  });

  it('reports a published version that is no longer declared, but not one kept as removed', () => {
    expect(checkCompatibility(publish(v1), []).breaking).toEqual([
      "cabs.transit.tip-given v1: published version is no longer declared; keep it in the registry with status 'removed'",
    ]);
    expect(checkCompatibility(publish(v1), [{ ...v1, status: 'removed' }]).breaking).toEqual([]);
  });

  it('reports a changed dataschema, which readers use to find the contract', () => {
    const moved = defineEvent({ ...v1, dataschema: 'https://cabs.example/schemas/tip-given/1' });
    expect(checkCompatibility(publish(v1), [moved]).breaking).toEqual([
      'cabs.transit.tip-given v1: dataschema changed from urn:cabs:schema:cabs.transit.tip-given:v1 to ' +
        'https://cabs.example/schemas/tip-given/1; events naming the published one would find no contract',
    ]);
  });
});
