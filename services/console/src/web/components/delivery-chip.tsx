import type { ComponentChildren } from 'preact';
import type { DeliveryView } from '../flow/flow-model.js';
import { formatDuration } from '../flow/formatting.js';
import { Countdown } from './countdown.js';
import { Icon, type IconName } from './icons.js';

interface Props {
  delivery: DeliveryView;
  /** The service the Trigger delivers to, when known. */
  service: string | undefined;
  /** That service does not answer its health check right now. */
  serviceDown: boolean;
}

/** One delivery of an event to one Trigger's subscriber: where it is, in words and an icon as well as a colour. */
export function DeliveryChip({ delivery: d, service, serviceDown }: Props) {
  const target = service ?? d.trigger;
  // A delivery to a service that is down will fail: show it as trouble at once, before the attempt says so.
  const tone =
    d.state === 'delivered'
      ? 'ok'
      : d.state === 'dead'
        ? 'bad'
        : d.state === 'retrying' || serviceDown
          ? 'warn'
          : 'quiet';
  const [icon, outcome] = describe(d, serviceDown);
  return (
    <li
      class={`delivery delivery--${tone}`}
      data-state={d.state}
      data-trigger={d.trigger}
      title={`Trigger ${d.trigger}`}
    >
      <Icon name={icon} class={d.state === 'sending' ? 'spin' : ''} />
      <span class="delivery-target">{target}</span>
      <span class="delivery-outcome">{outcome}</span>
      {d.state === 'retrying' && d.error && (
        <span class="delivery-error">{d.status ? `HTTP ${d.status}` : d.error}</span>
      )}
      {d.state === 'dead' && (
        <span class="delivery-error">{d.status ? `HTTP ${d.status}` : (d.error ?? 'no answer')}</span>
      )}
    </li>
  );
}

function describe(d: DeliveryView, serviceDown: boolean): [IconName, ComponentChildren] {
  const of = d.maxAttempts ? ` of ${d.maxAttempts}` : '';
  switch (d.state) {
    case 'delivered':
      return [
        'check',
        d.attempt > 1
          ? `delivered on attempt ${d.attempt}`
          : `delivered${d.durationMs !== undefined ? ` · ${formatDuration(d.durationMs)}` : ''}`,
      ];
    case 'retrying':
      return [
        'retry',
        <>
          attempt {d.attempt}
          {of} failed · next in {d.nextAttemptAt ? <Countdown until={d.nextAttemptAt} /> : '…'}
        </>,
      ];
    case 'dead':
      return ['stop', `dead letter after ${d.attempt} attempt${d.attempt === 1 ? '' : 's'}`];
    case 'sending':
      return ['retry', `attempt ${d.attempt}${of}…`];
    case 'queued':
      return serviceDown
        ? ['warning', 'service down · waiting']
        : ['clock', d.redriven ? 'redriven · queued' : 'queued'];
  }
}
