import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { attributesFilter, FilterError, subscriptionsApiFilter, triggerPredicate } from './filters.js';

const event = {
  specversion: '1.0',
  id: 'e-1',
  source: 'usvc://cabs/transit',
  type: 'cabs.transit.transit-completed',
  subject: '7d3f',
};

describe('filter.attributes (exact, Kafka Broker semantics)', () => {
  it('matches when every listed attribute is equal, case-sensitively', () => {
    expect(attributesFilter({ type: 'cabs.transit.transit-completed' })(event)).toBe(true);
    expect(attributesFilter({ type: 'cabs.transit.transit-completed', source: 'usvc://cabs/transit' })(event)).toBe(
      true,
    );
    expect(attributesFilter({ type: 'Cabs.Transit.Transit-Completed' })(event)).toBe(false);
    expect(attributesFilter({ type: 'cabs.transit.transit-completed', source: 'usvc://cabs/fees' })(event)).toBe(false);
  });

  it('treats an empty value as a wildcard, even for an absent attribute', () => {
    expect(attributesFilter({ type: '' })(event)).toBe(true);
    expect(attributesFilter({ comexampleextension: '' })(event)).toBe(true);
    expect(attributesFilter({ comexampleextension: 'x' })(event)).toBe(false);
  });

  it('matches extensions like any other attribute', () => {
    expect(attributesFilter({ tenant: 'acme' })({ ...event, tenant: 'acme' })).toBe(true);
  });
});

describe('filters (Subscriptions API dialects)', () => {
  it('exact, prefix and suffix compare the named attributes; an absent attribute never matches', () => {
    expect(subscriptionsApiFilter([{ exact: { type: 'cabs.transit.transit-completed' } }])(event)).toBe(true);
    expect(subscriptionsApiFilter([{ prefix: { type: 'cabs.transit.' } }])(event)).toBe(true);
    expect(subscriptionsApiFilter([{ suffix: { type: '-completed' } }])(event)).toBe(true);
    expect(subscriptionsApiFilter([{ prefix: { type: 'cabs.fees.' } }])(event)).toBe(false);
    expect(subscriptionsApiFilter([{ prefix: { dataschema: 'https://' } }])(event)).toBe(false);
  });

  it('ANDs the list, and combines all, any and not', () => {
    const transitButNotCompleted = subscriptionsApiFilter([
      { prefix: { type: 'cabs.transit.' } },
      { not: { suffix: { type: '-completed' } } },
    ]);
    expect(transitButNotCompleted(event)).toBe(false);
    expect(transitButNotCompleted({ ...event, type: 'cabs.transit.driver-assigned' })).toBe(true);

    const feesOrInvoicing = subscriptionsApiFilter([
      { any: [{ prefix: { type: 'cabs.fees.' } }, { prefix: { type: 'cabs.invoicing.' } }] },
    ]);
    expect(feesOrInvoicing({ ...event, type: 'cabs.invoicing.invoice-issued' })).toBe(true);
    expect(feesOrInvoicing(event)).toBe(false);

    const both = subscriptionsApiFilter([
      { all: [{ exact: { source: 'usvc://cabs/transit' } }, { exact: { subject: '7d3f' } }] },
    ]);
    expect(both(event)).toBe(true);
    expect(both({ ...event, subject: 'other' })).toBe(false);
  });

  it('refuses cesql with a message saying what to use instead', () => {
    expect(() => subscriptionsApiFilter([{ exact: { type: 'x' } }, { cesql: "type = 'x'" }])).toThrow(FilterError);
    expect(() => subscriptionsApiFilter([{ cesql: "type = 'x'" }])).toThrow(
      /spec\.filters\[0\]\.cesql: CloudEvents SQL .* not supported/,
    );
    expect(() => subscriptionsApiFilter([{ not: { cesql: "type = 'x'" } }])).toThrow(/spec\.filters\[0\]\.not\.cesql/);
  });

  it('refuses what Knative validation refuses: several or no dialects, empty maps, lists and strings', () => {
    expect(() => subscriptionsApiFilter([{ exact: { type: 'a' }, prefix: { type: 'b' } }])).toThrow(
      /exactly one dialect .* exact, prefix/,
    );
    expect(() => subscriptionsApiFilter([{}])).toThrow(/found none/);
    expect(() => subscriptionsApiFilter([{ exact: {} }])).toThrow(/at least one attribute/);
    expect(() => subscriptionsApiFilter([{ any: [] }])).toThrow(/spec\.filters\[0\]\.any: must contain at least one/);
    expect(() => subscriptionsApiFilter([{ exact: { type: '' } }])).toThrow(/must not be empty strings/);
  });
});

describe('a Trigger', () => {
  it('without a filter gets every event', () => {
    expect(triggerPredicate({})(event)).toBe(true);
    expect(triggerPredicate({ filter: {} })(event)).toBe(true);
  });

  it('uses a non-empty filters list instead of filter', () => {
    const p = triggerPredicate({ filter: { attributes: { type: 'never' } }, filters: [{ prefix: { type: 'cabs.' } }] });
    expect(p(event)).toBe(true);
    expect(triggerPredicate({ filter: { attributes: { type: 'never' } }, filters: [] })(event)).toBe(false);
  });

  it('exact filter agrees with filter.attributes on any non-empty value (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.option(fc.string(), { nil: undefined }), (expected, actual) => {
        const attrs = { ...event, subject: actual };
        expect(subscriptionsApiFilter([{ exact: { subject: expected } }])(attrs)).toBe(
          attributesFilter({ subject: expected })(attrs),
        );
      }),
    );
  });
});
