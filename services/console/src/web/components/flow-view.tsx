import type { ConsoleSettings, MeshLink } from '../../shared/console-api.js';
import type { FlowState } from '../flow/flow-model.js';
import { SubjectGroup } from './subject-group.js';

interface Props {
  flow: FlowState;
  settings: ConsoleSettings;
  mesh: MeshLink | undefined;
  downServices: Set<string>;
  riderNames: Record<string, string>;
}

/** The live flow: newest subject first; a ride's commands and facts together with every delivery's state. */
export function FlowView({ flow, settings, mesh, downServices, riderNames }: Props) {
  return (
    <section class="flow" aria-label="Live flow">
      <header class="section-head">
        <h2>Live flow</h2>
        <p class="section-note">every event entering the mesh · the Triggers it matched · each delivery</p>
      </header>
      {flow.groups.length === 0 ? (
        <div class="empty">
          <p>
            {mesh?.connected ? 'Nothing has happened on the mesh yet.' : 'Waiting for the broker’s activity stream…'}
          </p>
          <p class="empty-hint">Press “Complete” on a ride and watch its events flow.</p>
        </div>
      ) : (
        <div class="groups">
          {flow.groups.map((group, i) => (
            <SubjectGroup
              key={group.key}
              group={group}
              settings={settings}
              downServices={downServices}
              riderName={group.subject ? riderNames[group.subject] : undefined}
              openByDefault={i === 0}
            />
          ))}
        </div>
      )}
    </section>
  );
}
