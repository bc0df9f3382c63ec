import { calculateFee, freeDriver, issueInvoice, type Command } from './follow-ups.js';
import type { Money } from './money.js';
import type { CompletedTransit } from './transit.js';

export interface InvoiceRef {
  readonly id: string;
  readonly number: string;
}

/** How far the settlement of a completed ride has come; it fills in as the answers arrive. */
export interface Settlement {
  /** Known once `cabs.fees.driver-fee-calculated` arrived. */
  readonly fee: Money | null;
  /** Known once `cabs.invoicing.invoice-issued` arrived. */
  readonly invoice: InvoiceRef | null;
  /** Known once `cabs.drivers.driver-freed` arrived: drivers says the driver is no longer on this ride. */
  readonly driverFreed: boolean;
}

/** The settlement right after completion: every answer still to come. */
export const SETTLEMENT_AT_COMPLETION: Settlement = { fee: null, invoice: null, driverFreed: false };

/** One piece of follow-up work: how to tell it is done, and how to ask for it again. */
export interface SettlementStep {
  readonly name: string;
  readonly isDone: (settlement: Settlement) => boolean;
  /** Safe to send more than once: every receiver is idempotent on the transit id. */
  readonly command: (transit: CompletedTransit) => Command;
}

export const SETTLEMENT_STEPS: readonly SettlementStep[] = [
  { name: 'fee', isDone: (settlement) => settlement.fee !== null, command: calculateFee },
  { name: 'invoice', isDone: (settlement) => settlement.invoice !== null, command: issueInvoice },
  { name: 'driverFreed', isDone: (settlement) => settlement.driverFreed, command: freeDriver },
];

export interface ReconcilePolicy {
  /** How long answers may take after completion before the reconciler asks again. */
  readonly gracePeriodMs: number;
  /** How many times a ride's missing work is asked for again before a person must look. */
  readonly maxRounds: number;
  /** The wait after the first round; it doubles with each round, per ride. */
  readonly backoffMs: number;
}

export interface SettlementProgress {
  readonly transit: CompletedTransit;
  readonly settlement: Settlement;
  /** Rounds of re-issued commands so far. */
  readonly rounds: number;
  /** When the last round was; null before the first. */
  readonly lastRoundAt: Date | null;
}

export type StepState = 'pending' | 'done' | 'needs-attention';

/** settled: nothing missing; waiting: not due yet; reissued: a new round; needs-attention: the rounds are spent. */
export type ReconcileOutcome = 'settled' | 'waiting' | 'reissued' | 'needs-attention';

export interface ReconcileDecision {
  readonly outcome: ReconcileOutcome;
  readonly steps: Readonly<Record<string, StepState>>;
  /** Commands to send again now. When there are any, this is a new round: count it and remember `now`. */
  readonly reissue: readonly Command[];
  /** When to look at this ride again; null when there is nothing left to wait for. */
  readonly nextCheckAt: Date | null;
}

/**
 * The reconciler's decision for one completed ride: answers lost on the way are
 * asked for again, with a growing wait, and a ride that stays unsettled after the
 * last round is marked for a person instead of being retried forever.
 */
export function reconcile(
  progress: SettlementProgress,
  now: Date,
  policy: ReconcilePolicy,
  steps: readonly SettlementStep[] = SETTLEMENT_STEPS,
): ReconcileDecision {
  const pending = steps.filter((step) => !step.isDone(progress.settlement));
  const stepStates = (pendingState: StepState): Record<string, StepState> =>
    Object.fromEntries(steps.map((step) => [step.name, pending.includes(step) ? pendingState : 'done']));

  if (pending.length === 0) {
    return { outcome: 'settled', steps: stepStates('done'), reissue: [], nextCheckAt: null };
  }

  const dueAt = nextRoundAt(progress, policy);
  if (now < dueAt) {
    return { outcome: 'waiting', steps: stepStates('pending'), reissue: [], nextCheckAt: dueAt };
  }
  // The last round has had its full wait and still no answer.
  if (progress.rounds >= policy.maxRounds) {
    return { outcome: 'needs-attention', steps: stepStates('needs-attention'), reissue: [], nextCheckAt: null };
  }
  return {
    outcome: 'reissued',
    steps: stepStates('pending'),
    reissue: pending.map((step) => step.command(progress.transit)),
    nextCheckAt: new Date(now.getTime() + backoffAfter(progress.rounds + 1, policy)),
  };
}

/**
 * Where each step stands, for the read model: done once its answer arrived; otherwise
 * pending while the reconciler still waits for it, and needing a person once it stopped.
 */
export function settlementSteps(
  settlement: Settlement,
  awaitingAnswers: boolean,
  steps: readonly SettlementStep[] = SETTLEMENT_STEPS,
): Record<string, StepState> {
  const unanswered: StepState = awaitingAnswers ? 'pending' : 'needs-attention';
  return Object.fromEntries(steps.map((step) => [step.name, step.isDone(settlement) ? 'done' : unanswered]));
}

function nextRoundAt({ transit, rounds, lastRoundAt }: SettlementProgress, policy: ReconcilePolicy): Date {
  if (rounds === 0 || lastRoundAt === null) {
    return new Date(transit.completedAt.getTime() + policy.gracePeriodMs);
  }
  return new Date(lastRoundAt.getTime() + backoffAfter(rounds, policy));
}

/** backoff, 2 × backoff, 4 × backoff, ... after rounds 1, 2, 3, ... */
function backoffAfter(rounds: number, policy: ReconcilePolicy): number {
  return policy.backoffMs * 2 ** (rounds - 1);
}
