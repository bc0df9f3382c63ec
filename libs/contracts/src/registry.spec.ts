import { describe, expect, it } from 'vitest';
import { allContracts, contracts, contractsOfType, findContract } from './registry.js';
import { issueInvoiceV1, issueInvoiceV2 } from './events/invoicing.events.js';
import { defineEvent } from './define-event.js';
import { Type } from '@sinclair/typebox';

describe('registry', () => {
  it('names a command after the service that handles it and a fact after the one that states it', () => {
    for (const c of allContracts.filter((c) => c.kind !== 'legacy')) {
      const [, service] = c.type.split('.');
      expect(c.kind === 'command' ? c.handledBy : c.sentBy, c.type).toEqual([service]);
    }
  });

  it('gives each schema its dataschema as $id', () => {
    for (const c of allContracts) {
      expect(c.dataschema).toBe(`urn:cabs:schema:${c.type}:v${c.version}`);
      expect(c.schema.$id).toBe(c.dataschema);
    }
  });

  it('finds the current version of a type, or the version a dataschema names', () => {
    expect(findContract('cabs.fees.calculate-fee')).toBe(contracts.calculateFee);
    expect(findContract('cabs.fees.calculate-fee', 'urn:cabs:schema:cabs.fees.calculate-fee:v1')).toBe(
      contracts.calculateFee,
    );
    expect(findContract('cabs.fees.calculate-fee', 'urn:cabs:schema:cabs.fees.calculate-fee:v9')).toBeUndefined();
    expect(findContract('cabs.fees.unknown')).toBeUndefined();
    expect(contractsOfType('cabs.drivers.calculate-fee')).toEqual([contracts.legacyCalculateFee]);
  });

  it('keeps a deprecated version readable by its dataschema, and reads an event without one as the current version', () => {
    expect(contractsOfType('cabs.invoicing.issue-invoice').map((c) => [c.version, c.status])).toEqual([
      [1, 'deprecated'],
      [2, 'current'],
    ]);
    expect(findContract('cabs.invoicing.issue-invoice', issueInvoiceV1.dataschema)).toBe(issueInvoiceV1);
    expect(findContract('cabs.invoicing.issue-invoice')).toBe(issueInvoiceV2);
  });

  it('names the current version of every type in `contracts`, so a sender never picks a deprecated one by default', () => {
    for (const c of Object.values(contracts)) expect(c.status, `${c.type} v${c.version}`).toBe('current');
    expect(contracts.issueInvoice).toBe(issueInvoiceV2);
    for (const c of allContracts) {
      const newest = contractsOfType(c.type).filter((v) => v.status === 'current');
      expect(newest, c.type).toEqual([Object.values(contracts).find((d) => d.type === c.type)]);
    }
  });

  it('refuses badly named types and versions', () => {
    const schema = Type.Object({});
    const base = {
      kind: 'fact' as const,
      status: 'current' as const,
      description: 'x',
      sentBy: [],
      handledBy: [],
      schema,
    };
    expect(() => defineEvent({ ...base, type: 'fees.calculateFee', version: 1 })).toThrow(
      /cabs\.<service>\.<kebab-name>/,
    );
    expect(() => defineEvent({ ...base, type: 'cabs.fees.x', version: 0 })).toThrow(/positive integer/);
  });
});
