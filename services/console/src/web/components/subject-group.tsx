import { useState } from 'preact/hooks';
import type { ConsoleSettings } from '../../shared/console-api.js';
import { groupState, subjectKind, traceOf, type GroupState, type SubjectGroup as Group } from '../flow/flow-model.js';
import { clockTime, shortId } from '../flow/formatting.js';
import { EventRow } from './event-row.js';
import { Icon, type IconName } from './icons.js';
import { TraceLink } from './trace-link.js';

interface Props {
  group: Group;
  settings: ConsoleSettings;
  downServices: Set<string>;
  /** The rider, when the subject is a ride the console knows. */
  riderName: string | undefined;
  /** Open unless settled: trouble and work in progress are always in view. */
  openByDefault: boolean;
}

const STATE: Record<GroupState, [IconName, string]> = {
  settled: ['check', 'settled'],
  'in-progress': ['clock', 'in progress'],
  retrying: ['retry', 'retrying'],
  dead: ['stop', 'dead letter'],
};

/** Everything the mesh did about one subject (a ride): its events in order, each with its deliveries. */
export function SubjectGroup({ group, settings, downServices, riderName, openByDefault }: Props) {
  const state = groupState(group);
  const [chosen, choose] = useState<boolean>();
  const open = chosen ?? (openByDefault || state !== 'settled');
  const [icon, label] = STATE[state];
  const deliveries = group.events.reduce((n, e) => n + e.deliveries.length, 0);
  return (
    <article class={`group group--${state}`} data-subject={group.subject ?? ''} data-state={state}>
      <header class="group-head" onClick={() => choose(!open)}>
        <span class="group-state">
          <Icon name={icon} />
          {label}
        </span>
        <h3 class="group-title">
          {group.subject ? (
            <>
              {subjectKind(group)} <code>{shortId(group.subject)}</code>
              {riderName && <span class="group-rider"> · {riderName}</span>}
            </>
          ) : (
            'No subject'
          )}
        </h3>
        <span class="group-summary">
          {group.events.length} event{group.events.length === 1 ? '' : 's'} · {deliveries} deliver
          {deliveries === 1 ? 'y' : 'ies'}
        </span>
        <TraceLink tracingUiUrl={settings.tracingUiUrl} traceId={traceOf(group)} label="open trace" />
        <time class="group-time">{clockTime(group.latestEventAt)}</time>
      </header>
      {open && (
        <ol class="events">
          {group.events.map((event) => (
            <EventRow key={event.eventId} event={event} settings={settings} downServices={downServices} />
          ))}
        </ol>
      )}
    </article>
  );
}
