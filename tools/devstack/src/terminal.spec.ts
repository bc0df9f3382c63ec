import { afterEach, describe, expect, it } from 'vitest';
import { colourEnvironment, colourful, paint } from './terminal.js';

const ESC = '\u001b[';
const saved = { FORCE_COLOR: process.env.FORCE_COLOR, NO_COLOR: process.env.NO_COLOR };
const setEnv = (env: { FORCE_COLOR?: string; NO_COLOR?: string }) => {
  for (const name of ['FORCE_COLOR', 'NO_COLOR'] as const) {
    if (env[name] === undefined) delete process.env[name];
    else process.env[name] = env[name];
  }
};

describe('colours in the CLI and the process logs of npm start', () => {
  afterEach(() => setEnv(saved));

  it('are plain text on a pipe, and with NO_COLOR', () => {
    setEnv({}); // a test's standard output is not a terminal
    expect(paint('bold')('ready')).toBe('ready');
    setEnv({ NO_COLOR: '1' });
    expect(paint('blue')('ready')).toBe('ready');
    expect(colourful()).toBe(false);
  });

  it('are coloured with FORCE_COLOR, even where standard output is not a terminal', () => {
    setEnv({ FORCE_COLOR: '1' });
    expect(paint('blue')('ready')).toBe(`${ESC}34mready${ESC}39m`);
    expect(colourful()).toBe(true);
  });

  it('are passed on to the processes started, one way or the other', () => {
    setEnv({ FORCE_COLOR: '1' });
    expect(colourEnvironment({ NO_COLOR: '1', PORT: '3001' })).toEqual({ FORCE_COLOR: '1', PORT: '3001' });
    setEnv({ NO_COLOR: '1' });
    expect(colourEnvironment({ FORCE_COLOR: '', PORT: '3001' })).toEqual({ NO_COLOR: '1', PORT: '3001' });
  });
});
