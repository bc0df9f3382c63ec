import { useCallback, useMemo } from 'preact/hooks';
import type { DeadLetter, MeshActivity, RidesView } from '../shared/console-api.js';
import { getJson } from './api.js';
import { DeadLettersPanel } from './components/dead-letters-panel.js';
import { FlowView } from './components/flow-view.js';
import { RidesPanel } from './components/rides-panel.js';
import { ServiceTiles } from './components/service-tiles.js';
import { TopBar } from './components/top-bar.js';
import { useConsoleStream } from './hooks/use-console-stream.js';
import { useResource } from './hooks/use-resource.js';

const DEAD_LETTER_NEWS = new Set<MeshActivity['kind']>([
  'delivery.dead-lettered',
  'dead-letter.sent',
  'dead-letter.kept',
  'delivery.redriven',
]);

/** The console: service tiles on top, the live flow on the left, rides and dead letters on the right. */
export function App() {
  const loadRides = useCallback(() => getJson<RidesView>('api/rides'), []);
  const loadDeadLetters = useCallback(() => getJson<DeadLetter[]>('api/dead-letters'), []);
  const rides = useResource(loadRides, 4000);
  const deadLetters = useResource(loadDeadLetters, 5000);

  // Settlement shows up as deliveries succeed; dead letters change when one dies or is redriven.
  const onActivity = useCallback(
    (activity: MeshActivity) => {
      if (activity.kind === 'delivery.succeeded' || activity.kind === 'event.accepted') rides.refresh();
      if (DEAD_LETTER_NEWS.has(activity.kind)) deadLetters.refresh();
    },
    [rides.refresh, deadLetters.refresh],
  );
  const view = useConsoleStream(onActivity);

  const downServices = useMemo(
    () => new Set(view.health.filter((s) => s.state !== 'up').map((s) => s.name)),
    [view.health],
  );
  const riderNames = useMemo(
    () =>
      Object.fromEntries(
        [...(rides.data?.waiting ?? []), ...(rides.data?.completed ?? [])].map((r) => [r.id, r.clientName]),
      ),
    [rides.data],
  );

  return (
    <div class="console">
      <TopBar online={view.online} mesh={view.mesh} tracingUiUrl={view.settings.tracingUiUrl} />
      <ServiceTiles health={view.health} />
      <main class="stage">
        <FlowView
          flow={view.flow}
          settings={view.settings}
          mesh={view.mesh}
          downServices={downServices}
          riderNames={riderNames}
        />
        <aside class="side">
          <RidesPanel rides={rides} tracingUiUrl={view.settings.tracingUiUrl} />
          <DeadLettersPanel deadLetters={deadLetters} />
        </aside>
      </main>
    </div>
  );
}
