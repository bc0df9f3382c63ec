import { describe, expect, it } from 'vitest';
import { contracts } from './registry.js';
import { validateData } from './validate.js';

const id = '3f2b8c1e-7d4a-4b8e-9c1f-2a6d5e4b3c21';
const other = '9b1d7e2a-4c3f-4a5b-8d6e-1f2a3b4c5d6e';
const pln = (amount: number) => ({ amount, currency: 'PLN' });
const calculateFee = { transitId: id, driverId: other, transitPrice: pln(5100), completedAt: '2026-03-14T09:30:00Z' };
const warsaw = { country: 'Poland', city: 'Warsaw', street: 'Żytnia', buildingNumber: '12A' };

const errorsOf = (result: ReturnType<typeof validateData>) => (result.ok ? [] : result.errors);

describe('validateData', () => {
  it('accepts valid data and returns it typed', () => {
    const result = validateData(contracts.calculateFee, calculateFee);
    expect(result).toEqual({ ok: true, value: calculateFee });
    if (result.ok) expect(result.value.transitPrice.amount).toBe(5100);
  });

  it('tolerates properties the contract does not name (tolerant reader)', () => {
    expect(validateData(contracts.calculateFee, { ...calculateFee, surgeFactor: 2 }).ok).toBe(true);
  });

  it('names a missing property and the object that lacks it', () => {
    const { transitId: _, ...withoutTransit } = calculateFee;
    expect(errorsOf(validateData(contracts.calculateFee, withoutTransit))).toEqual([
      "data: missing required property 'transitId'",
    ]);
    expect(errorsOf(validateData(contracts.calculateFee, { ...calculateFee, transitPrice: { amount: 1 } }))).toEqual([
      "data/transitPrice: missing required property 'currency'",
    ]);
  });

  it.each([
    [12.5, 'data/transitPrice/amount: must be an integer (got 12.5)'],
    [Number.NaN, 'data/transitPrice/amount: must be an integer (got NaN)'],
    [
      Number.MAX_SAFE_INTEGER + 1,
      `data/transitPrice/amount: must be at most ${Number.MAX_SAFE_INTEGER} (got 9007199254740992)`,
    ],
    [-1, 'data/transitPrice/amount: must be at least 0 (got -1)'],
    ['100', 'data/transitPrice/amount: must be an integer (got "100")'],
  ])('rejects the money amount %s', (amount, message) => {
    expect(
      errorsOf(validateData(contracts.calculateFee, { ...calculateFee, transitPrice: pln(amount as number) })),
    ).toEqual([message]);
  });

  it('rejects a currency that is not an ISO 4217 code', () => {
    const [error] = errorsOf(
      validateData(contracts.calculateFee, { ...calculateFee, transitPrice: { amount: 1, currency: 'zł' } }),
    );
    expect(error).toMatch(/^data\/transitPrice\/currency: must match \^\[A-Z\]\{3\}\$ .* \(got "zł"\)$/);
  });

  it('explains the formats of ids and timestamps', () => {
    expect(
      errorsOf(
        validateData(contracts.calculateFee, {
          ...calculateFee,
          driverId: 'driver-7',
          completedAt: '2026-02-30T10:00:00Z',
        }),
      ),
    ).toEqual([
      'data/driverId: must be a UUID, e.g. 3f2b8c1e-7d4a-4b8e-9c1f-2a6d5e4b3c21 (got "driver-7")',
      'data/completedAt: must be an RFC 3339 date-time with a zone, e.g. 2026-03-14T09:30:00Z (got "2026-02-30T10:00:00Z")',
    ]);
  });

  it('rejects data that is not an object', () => {
    for (const data of [null, undefined, [], 'calculate', 42]) {
      expect(errorsOf(validateData(contracts.calculateFee, data))).toEqual([
        expect.stringMatching(/^data: must be an object/),
      ]);
    }
  });

  it('bounds free text and does not echo a huge value back', () => {
    const driver = { driverId: id, name: 'x'.repeat(100_000), feeTerms: { type: 'flat', amount: 1000 } };
    expect(errorsOf(validateData(contracts.driverRegistered, driver))).toEqual([
      'data/name: must be at most 200 characters long (got 100000)',
    ]);
    expect(errorsOf(validateData(contracts.driverRegistered, { ...driver, name: '' }))).toEqual([
      'data/name: must not be empty',
    ]);
  });

  it('reports the errors of the fee terms variant the data chose', () => {
    const registered = (feeTerms: unknown) =>
      validateData(contracts.driverRegistered, { driverId: id, name: 'Jan Kowalski', feeTerms });
    expect(registered({ type: 'percentage', amount: 200 }).ok).toBe(true);
    expect(registered({ type: 'flat', amount: 1000, min: 500 }).ok).toBe(true);
    expect(errorsOf(registered({ type: 'percentage', amount: 10_001 }))).toEqual([
      'data/feeTerms/amount: must be at most 10000 (got 10001)',
    ]);
    expect(errorsOf(registered({ type: 'flat', amount: 0 }))).toEqual([
      'data/feeTerms/amount: must be at least 1 (got 0)',
    ]);
    expect(errorsOf(registered({ type: 'bonus', amount: 1 }))).toEqual([
      'data/feeTerms/type: must be one of "percentage", "flat" (got "bonus")',
    ]);
    expect(errorsOf(registered({ amount: 1 }))).toEqual(["data/feeTerms: missing required property 'type'"]);
  });

  it('lists the allowed tariffs', () => {
    const completed = {
      transitId: id,
      clientId: other,
      driverId: other,
      price: pln(2900),
      distanceKm: 20,
      tariff: 'night',
      completedAt: '2026-03-14T09:30:00+01:00',
    };
    expect(errorsOf(validateData(contracts.transitCompleted, completed))).toEqual([
      'data/tariff: must be one of "standard", "weekend", "weekend-plus", "new-years-eve" (got "night")',
    ]);
  });

  it('checks coordinates of an address', () => {
    const complete = (destination: object) => validateData(contracts.completeTransit, { transitId: id, destination });
    expect(complete({ ...warsaw, postalCode: '00-001', lat: 52.23, lon: 21.01 }).ok).toBe(true);
    expect(errorsOf(complete({ ...warsaw, lat: 91, lon: Infinity }))).toEqual([
      'data/destination/lat: must be at most 90 (got 91)',
      'data/destination/lon: must be a finite number (got Infinity)',
    ]);
  });

  it('keeps the legacy shapes: numeric driver ids and bare cents', () => {
    expect(validateData(contracts.legacyCalculateFee, { 'driver-id': 7, 'transit-price': 5100 }).ok).toBe(true);
    expect(errorsOf(validateData(contracts.legacyDriverFee, { 'driver-id': '7', fee: 49.98 }))).toEqual([
      'data/driver-id: must be an integer (got "7")',
      'data/fee: must be an integer (got 49.98)',
    ]);
  });
});
