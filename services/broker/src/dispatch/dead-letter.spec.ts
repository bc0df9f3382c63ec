import { describe, expect, it } from 'vitest';
import { deadLetterEvent } from './dead-letter.js';

const event = {
  attributes: { specversion: '1.0', id: 'e', source: '/s', type: 't', traceparent: '00-a-b-01' },
  data: Buffer.from('original'),
};

describe('a dead letter', () => {
  it('is the original event plus the Knative error extensions', () => {
    const letter = deadLetterEvent(event, {
      dest: 'http://invoicing',
      status: 422,
      body: Buffer.from('{ "message": "catastrophic failure" }'),
    });
    expect(letter.attributes).toEqual({
      ...event.attributes,
      knativeerrordest: 'http://invoicing',
      knativeerrorcode: '422',
      knativeerrordata: Buffer.from('{ "message": "catastrophic failure" }').toString('base64'),
    });
    expect(letter.data).toBe(event.data);
  });

  it('carries at most the first 1024 bytes of the answer, and no code or data without an answer', () => {
    const long = deadLetterEvent(event, { dest: 'http://x', status: 500, body: Buffer.alloc(4096, 'a') });
    expect(Buffer.from(long.attributes.knativeerrordata, 'base64')).toHaveLength(1024);
    const refused = deadLetterEvent(event, { dest: 'http://x', status: null, body: null });
    expect(refused.attributes).toEqual({ ...event.attributes, knativeerrordest: 'http://x' });
  });
});
