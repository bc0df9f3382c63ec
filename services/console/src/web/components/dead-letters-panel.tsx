import { useState } from 'preact/hooks';
import type { DeadLetter, RedriveResult } from '../../shared/console-api.js';
import { postJson } from '../api.js';
import type { Resource } from '../hooks/use-resource.js';
import { clockTime, eventName, shortId } from '../flow/formatting.js';
import { Icon } from './icons.js';

const KEPT: Record<string, string> = {
  local: 'kept by the broker',
  sink: 'sent to the dead-letter sink',
  sending: 'being sent to the dead-letter sink',
};

/** Deliveries that ran out of retries, with why, and the way back: redrive one, or all. */
export function DeadLettersPanel({ deadLetters }: { deadLetters: Resource<DeadLetter[]> }) {
  const [busy, setBusy] = useState<string>();
  const [note, setNote] = useState<{ ok: boolean; text: string }>();
  const letters = deadLetters.data ?? [];

  const redrive = async (what: string, path: string) => {
    setBusy(what);
    try {
      const { redriven } = await postJson<RedriveResult>(path);
      setNote({
        ok: true,
        text: `${redriven} ${redriven === 1 ? 'delivery' : 'deliveries'} sent back to ${redriven === 1 ? 'its Trigger' : 'their Triggers'}`,
      });
    } catch (err) {
      setNote({ ok: false, text: (err as Error).message });
    } finally {
      setBusy(undefined);
      deadLetters.refresh();
    }
  };

  return (
    <section class="panel dead-letters" aria-label="Dead letters">
      <header class="section-head">
        <h2>
          Dead letters <span class="count">{letters.length}</span>
        </h2>
        {letters.length > 1 && (
          <button
            class="button button--quiet"
            onClick={() => redrive('all', 'api/dead-letters/redrive')}
            disabled={busy !== undefined}
          >
            <Icon name="retry" />
            Redrive all
          </button>
        )}
      </header>
      {note && (
        <p class={note.ok ? 'note' : 'problem'} role="status">
          <Icon name={note.ok ? 'check' : 'warning'} />
          {note.text}
        </p>
      )}
      {deadLetters.error && (
        <p class="problem" role="alert">
          <Icon name="warning" />
          {deadLetters.error}
        </p>
      )}
      {letters.length === 0 ? (
        <p class="empty-line">
          <Icon name="check" /> None: every delivery was made or is still being retried.
        </p>
      ) : (
        <ul class="letters">
          {letters.map((d) => (
            <li key={d.deliveryId} class="letter" data-delivery={d.deliveryId} data-trigger={d.trigger}>
              <div class="letter-what">
                <Icon name="stop" />
                <strong>{eventName(d.type).name}</strong>
                <span>→ {d.subscriber ?? d.trigger}</span>
                {d.subject && <code>{shortId(d.subject)}</code>}
              </div>
              <div class="letter-why">
                <span class="letter-status">{d.lastStatus ? `HTTP ${d.lastStatus}` : 'no HTTP answer'}</span>
                <span class="letter-error">{d.lastError ?? 'no error recorded'}</span>
              </div>
              <div class="letter-when">
                after {d.attempts} attempt{d.attempts === 1 ? '' : 's'} · {clockTime(d.diedAt)} ·{' '}
                {KEPT[d.deadLetter ?? 'local'] ?? d.deadLetter}
              </div>
              <button
                class="button button--go"
                onClick={() => redrive(String(d.deliveryId), `api/dead-letters/${d.deliveryId}/redrive`)}
                disabled={busy !== undefined}
              >
                Redrive
                <Icon name="retry" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
