import { describe, expect, it } from 'vitest';
import { clientRecipient, driverRecipient, parseRecipient } from './recipient.js';

describe('parseRecipient', () => {
  it.each(['client:0b6f2c4e-6f2a-4f5e-9d3b-2f1a7c9e8d10', 'driver:0b6f2c4e-6f2a-4f5e-9d3b-2f1a7c9e8d10', 'driver:42'])(
    'accepts %s',
    (text) => {
      expect(parseRecipient(text)).toBe(text);
    },
  );

  it.each([
    '',
    'client',
    'client:',
    'rider:1',
    'Client:1',
    'client:1:2',
    'client: 1',
    'driver:a b',
    `client:${'x'.repeat(65)}`,
  ])('rejects "%s"', (text) => {
    expect(() => parseRecipient(text)).toThrow(/is not a recipient: expected client:<id> or driver:<id>/);
  });

  it('reads back what the message composers write', () => {
    expect(parseRecipient(clientRecipient('c-1'))).toBe('client:c-1');
    expect(parseRecipient(driverRecipient('d-1'))).toBe('driver:d-1');
  });
});
