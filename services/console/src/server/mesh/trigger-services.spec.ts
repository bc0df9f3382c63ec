import { describe, expect, it } from 'vitest';
import { triggerServices } from './trigger-services.js';

describe('triggerServices', () => {
  const services = { transit: 'http://127.0.0.1:3001', invoicing: 'http://localhost:3004' };

  it('names the service behind each Trigger by its subscriber URL, however localhost is spelt', () => {
    const subscribers = new Map([
      ['transit-complete-transit', 'http://localhost:3001/'],
      ['invoicing-issue-invoice', 'http://127.0.0.1:3004'],
    ]);
    expect(triggerServices(subscribers, services)).toEqual({
      'transit-complete-transit': 'transit',
      'invoicing-issue-invoice': 'invoicing',
    });
  });

  it('leaves out Triggers that deliver elsewhere', () => {
    const subscribers = new Map([
      ['audit-everything', 'http://127.0.0.1:9999'],
      ['odd', 'not a url'],
    ]);
    expect(triggerServices(subscribers, services)).toEqual({});
  });
});
