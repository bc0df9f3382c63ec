import { describe, expect, it } from 'vitest';
import { traceIdOf } from './trace-id.js';

describe('traceIdOf', () => {
  it('takes the trace id out of a traceparent', () => {
    expect(traceIdOf('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBe(
      '4bf92f3577b34da6a3ce929d0e0e4736',
    );
  });

  it.each([
    undefined,
    '',
    'not a traceparent',
    '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
    '00-4bf92f35-00f067aa0ba902b7-01',
  ])('finds none in %j', (traceparent) => expect(traceIdOf(traceparent)).toBeUndefined());
});
