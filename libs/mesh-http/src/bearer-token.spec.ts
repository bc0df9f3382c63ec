import { describe, expect, it } from 'vitest';
import { bearerTokenMatches } from './bearer-token.js';

describe('bearerTokenMatches', () => {
  const token = '0123456789abcdef0123';

  it('accepts the token as a bearer credential, whatever the case of the scheme', () => {
    expect(bearerTokenMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerTokenMatches(`bearer ${token}`, token)).toBe(true);
    expect(bearerTokenMatches(`BEARER ${token}`, token)).toBe(true);
  });

  it('refuses anything else: absent, empty, another scheme, a prefix, an extension, the bare token', () => {
    for (const authorization of [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      `Basic ${token}`,
      `Bearer ${token.slice(1)}`,
      `Bearer ${token}x`,
      `Bearer  ${token} `,
      token,
    ]) {
      expect(bearerTokenMatches(authorization, token), String(authorization)).toBe(false);
    }
  });

  it('never matches when no token is configured', () => {
    expect(bearerTokenMatches('Bearer ', '')).toBe(false);
    expect(bearerTokenMatches('Bearer x', '')).toBe(false);
  });
});
