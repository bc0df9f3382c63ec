import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { contracts } from '../registry.js';
import { publishedSchema, type JsonSchema } from '../json-schema.js';
import { compareSchemas } from './compare-schemas.js';

/** A published schema, and a copy changed by `edit` as a developer might change it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the edits reach into plain JSON at any depth
function changed(contract: keyof typeof contracts, edit: (schema: any) => void) {
  const published = publishedSchema(contracts[contract]);
  const current = structuredClone(published);
  edit(current);
  return compareSchemas(published, current);
}

describe('compareSchemas: changes that break no one', () => {
  it('finds nothing between a schema and itself', () => {
    for (const contract of Object.values(contracts)) {
      expect(compareSchemas(publishedSchema(contract), publishedSchema(contract))).toEqual([]);
    }
  });

  it('lets new optional properties through, at any depth', () => {
    expect(
      changed('calculateFee', (s) => {
        s.properties.tip = { type: 'object', required: ['amount'], properties: { amount: { type: 'integer' } } };
        s.properties.transitPrice.properties.vatRate = { type: 'number' };
      }),
    ).toEqual([]);
  });

  it('ignores annotations: descriptions, titles, defaults, examples', () => {
    expect(
      changed('calculateFee', (s) => {
        s.description = 'Reworded';
        s.title = 'Calculate fee';
        s.properties.transitPrice.properties.currency.default = 'EUR';
        s.properties.driverId.examples = ['3f2b8c1e-7d4a-4b8e-9c1f-2a6d5e4b3c21'];
      }),
    ).toEqual([]);
  });

  it('lets any optional property be added (property-based)', () => {
    const published = publishedSchema(contracts.transitCompleted);
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((name) => !(name in (published.properties as object))),
        fc.constantFrom({ type: 'string' }, { type: 'integer', minimum: 0 }, { type: 'boolean' }),
        (name, schema) => {
          const current = structuredClone(published) as JsonSchema & { properties: Record<string, unknown> };
          current.properties[name] = schema;
          return compareSchemas(published, current).length === 0;
        },
      ),
    );
  });
});

describe('compareSchemas: breaking changes, each naming the field', () => {
  it('reports a removed property', () => {
    expect(changed('calculateFee', (s) => delete s.properties.completedAt)).toEqual([
      { path: 'data/completedAt', change: 'property removed', effect: 'removed' },
    ]);
  });

  it('reports a renamed property as removed, and suggests the new name', () => {
    expect(
      changed('issueInvoice', (s) => {
        s.properties.customerName = { ...s.properties.clientName, description: 'Renamed' };
        delete s.properties.clientName;
      }),
    ).toEqual([
      { path: 'data/clientName', change: "property removed (renamed to 'customerName'?)", effect: 'removed' },
    ]);
  });

  it('reports a changed type once, at the field', () => {
    expect(changed('calculateFee', (s) => (s.properties.transitPrice.properties.amount.type = 'number'))).toEqual([
      { path: 'data/transitPrice/amount', change: 'type changed from "integer" to "number"', effect: 'changed' },
    ]);
  });

  it('reports a new enum restriction, and values removed from or added to one', () => {
    expect(
      changed('calculateFee', (s) => (s.properties.transitPrice.properties.currency.enum = ['PLN', 'EUR'])),
    ).toEqual([{ path: 'data/transitPrice/currency', change: 'restricted to "PLN", "EUR"', effect: 'narrower' }]);
    expect(changed('transitCompleted', (s) => s.properties.tariff.anyOf.pop())).toEqual([
      { path: 'data/tariff', change: 'no longer allows "new-years-eve"', effect: 'narrower' },
    ]);
    expect(
      changed('transitCompleted', (s) => s.properties.tariff.anyOf.push({ type: 'string', const: 'night' })),
    ).toEqual([{ path: 'data/tariff', change: 'now also allows "night"', effect: 'wider' }]);
  });

  it('accepts a literal union rewritten as an enum of the same values', () => {
    expect(
      changed('transitCompleted', (s) => {
        s.properties.tariff = { type: 'string', enum: ['standard', 'weekend', 'weekend-plus', 'new-years-eve'] };
      }),
    ).toEqual([]);
  });

  it('reports tighter and looser bounds in the direction they go', () => {
    expect(changed('driverRegistered', (s) => (s.properties.name.maxLength = 100))).toEqual([
      { path: 'data/name', change: 'maxLength lowered from 200 to 100', effect: 'narrower' },
    ]);
    expect(changed('driverRegistered', (s) => (s.properties.name.maxLength = 500))).toEqual([
      { path: 'data/name', change: 'maxLength raised from 200 to 500', effect: 'wider' },
    ]);
    expect(changed('transitCompleted', (s) => (s.properties.distanceKm.maximum = 1000))).toEqual([
      { path: 'data/distanceKm', change: 'maximum 1000 added', effect: 'narrower' },
    ]);
    expect(changed('transitCompleted', (s) => delete s.properties.distanceKm.minimum)).toEqual([
      { path: 'data/distanceKm', change: 'minimum 0 removed', effect: 'wider' },
    ]);
    expect(changed('calculateFee', (s) => (s.properties.transitPrice.properties.amount.minimum = 1))).toEqual([
      { path: 'data/transitPrice/amount', change: 'minimum raised from 0 to 1', effect: 'narrower' },
    ]);
  });

  it('reports formats and patterns added, removed or changed', () => {
    expect(changed('invoiceIssued', (s) => (s.properties.number.format = 'uri'))).toEqual([
      { path: 'data/number', change: 'format "uri" added', effect: 'narrower' },
    ]);
    expect(changed('calculateFee', (s) => delete s.properties.driverId.format)).toEqual([
      { path: 'data/driverId', change: 'format "uuid" removed', effect: 'wider' },
    ]);
    expect(changed('invoiceIssued', (s) => (s.properties.number.pattern = '^[0-9]{4}-[0-9]{6,}$'))).toEqual([
      {
        path: 'data/number',
        change: 'pattern changed from "^[0-9]{4}/[0-9]{6,}$" to "^[0-9]{4}-[0-9]{6,}$"',
        effect: 'changed',
      },
    ]);
  });

  it('reports properties becoming required, new required ones, and required ones becoming optional', () => {
    expect(changed('driverRegistered', (s) => s.required.push('legacyId'))).toEqual([
      { path: 'data/legacyId', change: 'became required', effect: 'narrower' },
    ]);
    expect(
      changed('driverAssigned', (s) => {
        s.properties.assignedAt = { type: 'string', format: 'date-time' };
        s.required.push('assignedAt');
      }),
    ).toEqual([{ path: 'data/assignedAt', change: 'new required property', effect: 'narrower' }]);
    expect(changed('driverAssigned', (s) => (s.required = ['transitId']))).toEqual([
      { path: 'data/driverId', change: 'no longer required', effect: 'removed' },
    ]);
  });

  it('follows union variants by the constant that selects them', () => {
    expect(
      changed('driverRegistered', (s) => (s.properties.feeTerms.anyOf[1].properties.amount.minimum = 100)),
    ).toEqual([
      { path: 'data/feeTerms[type=flat]/amount', change: 'minimum raised from 1 to 100', effect: 'narrower' },
    ]);
    // Reordering variants changes nothing; they are matched by their `type`.
    expect(changed('driverRegistered', (s) => s.properties.feeTerms.anyOf.reverse())).toEqual([]);
    expect(changed('driverRegistered', (s) => s.properties.feeTerms.anyOf.pop())).toEqual([
      { path: 'data/feeTerms', change: 'variant type=flat removed', effect: 'narrower' },
    ]);
    const tiered = { type: 'object', required: ['type'], properties: { type: { type: 'string', const: 'tiered' } } };
    expect(changed('driverRegistered', (s) => s.properties.feeTerms.anyOf.push(tiered))).toEqual([
      { path: 'data/feeTerms', change: 'variant type=tiered added', effect: 'wider' },
    ]);
  });

  it('treats keywords it does not reason about as changed, rather than missing a break', () => {
    expect(changed('freeDriver', (s) => (s.additionalProperties = false))).toEqual([
      { path: 'data', change: "'additionalProperties' changed from nothing to false", effect: 'changed' },
    ]);
  });
});
