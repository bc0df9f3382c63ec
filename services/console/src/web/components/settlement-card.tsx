import type { ComponentChildren } from 'preact';
import type { CompletedRide, CompleteResult } from '../../shared/console-api.js';
import { formatMoney, shortId } from '../flow/formatting.js';
import { AnswerBadge } from './answer-badge.js';
import { Icon } from './icons.js';
import { TraceLink } from './trace-link.js';

/** A completed ride: the broker's answer to "Complete", then each follow-up as the facts arrive. */
export function SettlementCard({
  ride,
  answer,
  tracingUiUrl,
}: {
  ride: CompletedRide;
  answer: CompleteResult | undefined;
  tracingUiUrl: string | null;
}) {
  return (
    <li class="settlement" data-ride={ride.id}>
      <header class="settlement-head">
        <strong>{ride.clientName}</strong>
        <code>{shortId(ride.id)}</code>
        <span class="settlement-price">{formatMoney(ride.price)}</span>
        {answer && <AnswerBadge answer={answer} />}
        <TraceLink tracingUiUrl={tracingUiUrl} traceId={answer?.traceId} label="trace" />
      </header>
      <ol class="steps">
        <Step done={ride.fee !== null} name="fee" label="Fee">
          {formatMoney(ride.fee)}
        </Step>
        <Step done={ride.invoiceNumber !== null} name="invoice" label="Invoice">
          {ride.invoiceNumber ?? 'pending'}
        </Step>
        <Step done={ride.driverFreed} name="driver" label="Driver">
          {ride.driverFreed ? 'freed' : 'occupied'}
        </Step>
        <Step done={ride.notifications > 0} name="notifications" label="Notified">
          {ride.notifications}
        </Step>
      </ol>
    </li>
  );
}

function Step({
  done,
  name,
  label,
  children,
}: {
  done: boolean;
  name: string;
  label: string;
  children: ComponentChildren;
}) {
  return (
    <li class={`step ${done ? 'step--done' : 'step--pending'}`} data-step={name} data-done={done}>
      <Icon name={done ? 'check' : 'clock'} />
      <span class="step-label">{label}</span>
      <span class="step-value">{children}</span>
    </li>
  );
}
