import { useState } from 'preact/hooks';
import type { CompleteResult, DestinationResult, RidesView, WaitingRide } from '../../shared/console-api.js';
import { getJson, postForAnswer, postJson } from '../api.js';
import { useResource, type Resource } from '../hooks/use-resource.js';
import { formatMoney } from '../flow/formatting.js';
import { AnswerBadge } from './answer-badge.js';
import { Icon } from './icons.js';
import { SettlementCard } from './settlement-card.js';

const loadPlaces = () => getJson<string[]>('api/places');

/**
 * Rides in transit with a "Complete" button (a CloudEvent to the broker: the answer is its own status, 202 once
 * persisted) and a choice of another destination (transit queues UpdateDestination: 202, and the ride shows the
 * new destination and estimate once the mesh has delivered it), and the latest completed rides as their
 * settlement fills in.
 */
export function RidesPanel({ rides, tracingUiUrl }: { rides: Resource<RidesView>; tracingUiUrl: string | null }) {
  const [answers, setAnswers] = useState<Record<string, CompleteResult>>({});
  const [reroutes, setReroutes] = useState<Record<string, DestinationResult>>({});
  const places = useResource(loadPlaces, 600_000).data ?? [];
  const [busy, setBusy] = useState<string>();
  const [problem, setProblem] = useState<string>();

  const act = async (what: string, action: () => Promise<void>) => {
    setBusy(what);
    setProblem(undefined);
    try {
      await action();
    } catch (err) {
      setProblem((err as Error).message);
    } finally {
      setBusy(undefined);
      rides.refresh();
    }
  };
  const complete = (ride: WaitingRide) =>
    act(ride.id, async () => {
      const { body } = await postForAnswer<CompleteResult>(`api/rides/${ride.id}/complete`);
      // No event id: the console could not even send it (the broker is unreachable); the message says why.
      if (!body.eventId) throw new Error((body as unknown as { message: string }).message);
      setAnswers((all) => ({ ...all, [ride.id]: body }));
      if (body.status !== 202)
        throw new Error(
          `the broker answered ${body.status} ${body.statusText}${body.message ? `: ${body.message}` : ''}`,
        );
    });
  const reroute = (ride: WaitingRide, to: string) =>
    act(ride.id, async () => {
      const answer = await postJson<DestinationResult>(`api/rides/${ride.id}/destination`, { to });
      setReroutes((all) => ({ ...all, [ride.id]: answer }));
    });
  const newRide = () => act('new', async () => void (await postJson<WaitingRide>('api/rides')));

  const { waiting = [], completed = [] } = rides.data ?? {};
  return (
    <section class="panel rides" aria-label="Rides">
      <header class="section-head">
        <h2>Rides</h2>
        <button class="button button--quiet" onClick={newRide} disabled={busy === 'new'}>
          <Icon name="plus" />
          New ride
        </button>
      </header>
      {(problem ?? rides.error) && (
        <p class="problem" role="alert">
          <Icon name="warning" />
          {problem ?? rides.error}
        </p>
      )}
      <h3 class="panel-sub">Waiting to be completed</h3>
      {waiting.length === 0 ? (
        <p class="empty-line">No ride in transit. “New ride” prepares one.</p>
      ) : (
        <ul class="waiting">
          {waiting.map((ride) => (
            <li key={ride.id} class="ride" data-ride={ride.id}>
              <div class="ride-who">
                <strong>{ride.clientName}</strong>
                <span class="ride-route">
                  {ride.from} → {ride.to}
                </span>
                <select
                  class="ride-reroute"
                  aria-label={`Another destination for ${ride.clientName}`}
                  disabled={busy === ride.id || places.length === 0}
                  onChange={(e) => {
                    const to = e.currentTarget.value;
                    // Back to the prompt: the card shows where the ride goes once the mesh has delivered the change.
                    e.currentTarget.value = '';
                    if (to) void reroute(ride, to);
                  }}
                >
                  <option value="">Change destination…</option>
                  {places
                    .filter((place) => place !== ride.to && place !== ride.from)
                    .map((place) => (
                      <option key={place} value={place}>
                        {place}
                      </option>
                    ))}
                </select>
              </div>
              <span class="ride-price">{formatMoney(ride.estimatedPrice)}</span>
              {reroutes[ride.id] && !answers[ride.id] && <AnswerBadge answer={reroutes[ride.id]} />}
              {answers[ride.id] && <AnswerBadge answer={answers[ride.id]} />}
              <button class="button button--go" onClick={() => complete(ride)} disabled={busy === ride.id}>
                Complete
                <Icon name="send" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3 class="panel-sub">Settlement</h3>
      {completed.length === 0 ? (
        <p class="empty-line">Completed rides show their fee, invoice, driver and notifications here.</p>
      ) : (
        <ul class="settlements">
          {completed.map((ride) => (
            <SettlementCard key={ride.id} ride={ride} answer={answers[ride.id]} tracingUiUrl={tracingUiUrl} />
          ))}
        </ul>
      )}
    </section>
  );
}
