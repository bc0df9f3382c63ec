import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isDateTime, isHttpUrl, isUuid } from './formats.js';

describe('formats', () => {
  it('accepts every UUID and rejects other text', () => {
    fc.assert(fc.property(fc.uuid(), (uuid) => isUuid(uuid) && isUuid(uuid.toUpperCase())));
    for (const text of ['', 'driver-7', '3f2b8c1e7d4a4b8e9c1f2a6d5e4b3c21', '3f2b8c1e-7d4a-4b8e-9c1f-2a6d5e4b3c2g']) {
      expect(isUuid(text)).toBe(false);
    }
  });

  it('accepts RFC 3339 date-times that name a real instant', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }), (d) =>
        isDateTime(d.toISOString()),
      ),
    );
    for (const text of ['2026-03-14T09:30:00+01:00', '2024-02-29T23:59:59.123456z', '2026-03-14t09:30:00-05:30']) {
      expect(isDateTime(text)).toBe(true);
    }
  });

  it('rejects dates that do not exist, missing zones and other shapes', () => {
    for (const text of [
      '2026-02-29T10:00:00Z',
      '2026-02-30T10:00:00Z',
      '2026-13-01T10:00:00Z',
      '2026-03-14T24:00:00Z',
      '2026-03-14T09:30:00',
      '2026-03-14 09:30:00Z',
      '2026-03-14',
      '2026-03-14T09:30:00+24:00',
      '1710408600000',
    ]) {
      expect(isDateTime(text), text).toBe(false);
    }
  });

  it('accepts absolute http and https URLs only, as where a process sends requests', () => {
    for (const text of ['http://127.0.0.1:8080', 'https://broker-ingress/cabs/default', 'http://jaeger:16686/']) {
      expect(isHttpUrl(text)).toBe(true);
    }
    for (const text of ['', 'transit:3001', '/cabs/default', 'ftp://files', 'localhost']) {
      expect(isHttpUrl(text)).toBe(false);
    }
  });
});
