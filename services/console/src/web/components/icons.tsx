import type { JSX } from 'preact';

/* Line icons drawn for the console (24 × 24, stroked in the current colour): state is never told by colour alone. */

const PATHS = {
  check: ['M5 12.5l4.5 4.5L19 7.5'],
  cross: ['M6.5 6.5l11 11M17.5 6.5l-11 11'],
  retry: ['M19.5 12a7.5 7.5 0 1 1-2.2-5.3', 'M19.5 4v4.5H15'],
  clock: ['M12 3.5a8.5 8.5 0 1 0 0 17a8.5 8.5 0 1 0 0-17', 'M12 7.5V12l3 2'],
  stop: ['M8.2 3h7.6L21 8.2v7.6L15.8 21H8.2L3 15.8V8.2z', 'M9.2 9.2l5.6 5.6M14.8 9.2l-5.6 5.6'],
  warning: ['M12 3.8L2.8 19.8h18.4z', 'M12 10v4.6', 'M12 17.4v.2'],
  send: ['M4.5 12h14', 'M13 6.5l5.5 5.5-5.5 5.5'],
  plus: ['M12 5v14', 'M5 12h14'],
  external: ['M14 4h6v6', 'M20 4l-8.5 8.5', 'M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5'],
  dot: ['M12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6'],
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({
  name,
  class: className = '',
  title,
}: {
  name: IconName;
  class?: string;
  title?: string;
}): JSX.Element {
  return (
    <svg
      class={`icon ${className}`}
      viewBox="0 0 24 24"
      aria-hidden={title ? undefined : 'true'}
      role={title ? 'img' : undefined}
    >
      {title && <title>{title}</title>}
      {PATHS[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
