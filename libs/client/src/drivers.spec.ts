import { describe, expect, it } from 'vitest';
import { DRIVERS } from './drivers.js';
import { seedIfEmpty } from './seed.js';

describe('the demo drivers', () => {
  it('hold licences the drivers service accepts for activation (docs/domain.md: 5 of [A-Z9], 6 digits, 2 of [A-Z9], a digit, 2 letters)', () => {
    for (const d of DRIVERS)
      expect(d.licenseNumber, `${d.firstName} ${d.lastName}`).toMatch(/^[A-Z9]{5}\d{6}[A-Z9]{2}\d[A-Z]{2}$/);
    expect(new Set(DRIVERS.map((d) => d.licenseNumber)).size).toBe(DRIVERS.length);
  });

  it('show every kind of fee terms: the default, flat and percentage, each with and without a minimum', () => {
    const kinds = new Set(
      DRIVERS.map((d) =>
        d.feeTerms ? `${d.feeTerms.type}${d.feeTerms.min === undefined ? '' : ' with min'}` : 'default',
      ),
    );
    expect([...kinds].sort()).toEqual(['default', 'flat', 'flat with min', 'percentage', 'percentage with min']);
    for (const { feeTerms } of DRIVERS.filter((d) => d.feeTerms?.type === 'flat'))
      expect(feeTerms?.min ?? 0).toBeLessThanOrEqual(feeTerms?.amount ?? 0);
  });

  it('include exactly one driver the legacy app knows by number', () => {
    expect(DRIVERS.filter((d) => d.legacyId !== undefined).map((d) => d.legacyId)).toEqual([1]);
  });

  it('outnumber the seeded rides, so a new ride always finds a free driver', async () => {
    const nowhere = { transit: 'http://127.0.0.1:9', drivers: 'http://127.0.0.1:9' };
    await expect(seedIfEmpty(nowhere, () => {}, DRIVERS.length)).rejects.toThrow(RangeError);
  });
});
