import type { HealthState, ServiceHealth } from '../../shared/console-api.js';
import { Icon, type IconName } from './icons.js';

const LOOK: Record<HealthState, [IconName, string]> = {
  up: ['check', 'up'],
  'not-ready': ['warning', 'not ready'],
  down: ['cross', 'down'],
};

/** The broker and the five services, asked every second and a half whether they are ready. */
export function ServiceTiles({ health }: { health: ServiceHealth[] }) {
  return (
    <ul class="tiles" aria-label="Services">
      {health.map((s) => {
        const [icon, word] = LOOK[s.state];
        return (
          <li
            key={s.name}
            class={`tile tile--${s.state}`}
            data-service={s.name}
            data-state={s.state}
            title={`${s.url}: ${s.detail}`}
          >
            <Icon name={icon} class="tile-icon" />
            <span class="tile-name">{s.name}</span>
            <span class="tile-state">{word}</span>
            <span class="tile-detail">{s.detail}</span>
          </li>
        );
      })}
    </ul>
  );
}
