import { formatCountdown } from '../flow/formatting.js';
import { useNow } from '../hooks/use-now.js';

/** Time to a planned moment, ticking ten times a second so the room sees it run down. */
export function Countdown({ until }: { until: string }) {
  const target = Date.parse(until);
  const now = useNow(100, true);
  return <span class="countdown">{formatCountdown(target - now)}</span>;
}
