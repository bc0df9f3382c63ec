import type { ConsoleSettings } from '../../shared/console-api.js';
import type { EventView } from '../flow/flow-model.js';
import { clockTime, eventName } from '../flow/formatting.js';
import { DeliveryChip } from './delivery-chip.js';
import { TraceLink } from './trace-link.js';

interface Props {
  event: EventView;
  settings: ConsoleSettings;
  downServices: Set<string>;
}

/** One event as it entered the mesh: what it is, who sent it, and its deliveries to each Trigger it matched. */
export function EventRow({ event, settings, downServices }: Props) {
  const { service, name } = eventName(event.type);
  const kind = settings.eventKinds[event.type] ?? 'event';
  const from = event.source?.replace(/^usvc:\/\/cabs\//, '');
  return (
    <li class="event" data-type={event.type}>
      <time class="event-time">{clockTime(event.at)}</time>
      <div class="event-what">
        <span class={`kind kind--${kind}`}>{kind}</span>
        <span class="event-name">{name}</span>
        <span class="event-meta">
          {from && <>from {from}</>}
          {kind === 'command' && service && <> · for {service}</>}
          <TraceLink tracingUiUrl={settings.tracingUiUrl} traceId={event.traceId} />
        </span>
      </div>
      <ul class="deliveries">
        {event.deliveries.length === 0 && <li class="delivery delivery--none">no Trigger matched</li>}
        {event.deliveries.map((d) => {
          const target = settings.triggerServices[d.trigger];
          return (
            <DeliveryChip
              key={d.trigger}
              delivery={d}
              service={target}
              serviceDown={Boolean(target && downServices.has(target))}
            />
          );
        })}
      </ul>
    </li>
  );
}
