import type { Answer } from '../../shared/console-api.js';

/** An answer to the presenter's action, as it was given: `202 Accepted · 9 ms`, or the refusal and why. */
export function AnswerBadge({ answer }: { answer: Answer }) {
  const accepted = answer.status === 202;
  return (
    <span
      class={`answer ${accepted ? 'answer--ok' : 'answer--bad'}`}
      data-status={answer.status}
      title={answer.message}
    >
      {answer.status} {answer.statusText} · {answer.ms} ms
    </span>
  );
}
