import type { CompleteResult } from '../../shared/console-api.js';

/** The broker's answer to "Complete", as it gave it: `202 Accepted · 9 ms`, or the refusal and why. */
export function AnswerBadge({ answer }: { answer: CompleteResult }) {
  const accepted = answer.status === 202;
  return (
    <span class={`answer ${accepted ? 'answer--ok' : 'answer--bad'}`} data-status={answer.status} title={answer.message}>
      {answer.status} {answer.statusText} · {answer.ms} ms
    </span>
  );
}
