import type { MeshLink } from '../../shared/console-api.js';
import { Icon } from './icons.js';

interface Props {
  online: boolean;
  mesh: MeshLink | undefined;
  tracingUiUrl: string | null;
}

/** Title, and whether what the screen shows is live: the page's stream and the console's link to the broker. */
export function TopBar({ online, mesh, tracingUiUrl }: Props) {
  const live = online && mesh?.connected;
  const status = !online
    ? 'console server unreachable · reconnecting'
    : mesh?.connected
      ? 'live'
      : `broker stream lost · ${mesh?.problem ?? 'reconnecting'}`;
  return (
    <header class="top-bar">
      <h1>
        <span class="brand">Cabs</span> on the Event Mesh
      </h1>
      <div class="top-links">
        {tracingUiUrl && (
          <a href={tracingUiUrl} target="_blank" rel="noreferrer">
            traces
            <Icon name="external" />
          </a>
        )}
        <span class={`link-state ${live ? 'link-state--live' : 'link-state--lost'}`} role="status">
          <Icon name={live ? 'dot' : 'warning'} />
          {status}
        </span>
      </div>
    </header>
  );
}
