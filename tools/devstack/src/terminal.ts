import { styleText } from 'node:util';

export type Style = Parameters<typeof styleText>[0];

/**
 * A text style for standard output, applied only where colours are wanted. `node:util` `styleText` decides by the
 * usual rules: a terminal that can show them, unless `NO_COLOR` (or `NODE_DISABLE_COLORS`) is set, and anywhere when
 * `FORCE_COLOR` is.
 */
export const paint =
  (style: Style) =>
  (text: string): string =>
    styleText(style, text);

/** Whether standard output shows colours now, by those same rules. */
export const colourful = (): boolean => styleText('bold', '.') !== '.';

/**
 * What the processes started here are told, so their output (piped through this one) is coloured exactly when this
 * output is: `FORCE_COLOR=1`, or `NO_COLOR=1`.
 */
export function colourEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _force, NO_COLOR: _none, ...rest } = env;
  return colourful() ? { ...rest, FORCE_COLOR: '1' } : { ...rest, NO_COLOR: '1' };
}
