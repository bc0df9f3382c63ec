import type { Money } from '../../shared/console-api.js';

/* How times, amounts and names read on the screen. Pure: the caller passes the clock. */

/** Time left until a retry: `1.4 s` when it is close (the room watches it tick), `3 min 05 s` when it is not. */
export function formatCountdown(msLeft: number): string {
  if (msLeft <= 0) return 'now';
  if (msLeft < 10_000) return `${(Math.ceil(msLeft / 100) / 10).toFixed(1)} s`;
  const seconds = Math.ceil(msLeft / 1000);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(seconds / 3600)} h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')} min`;
}

/** `14 ms`, `1.2 s` */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** `PLN 29.00`: amounts are integer minor units. */
export function formatMoney(money: Money | null | undefined): string {
  if (!money) return '—';
  const sign = money.amount < 0 ? '−' : '';
  const abs = Math.abs(money.amount);
  return `${money.currency} ${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** `cabs.transit.complete-transit` → `{ service: 'transit', name: 'CompleteTransit' }`, the contract's own naming. */
export function eventName(type: string): { service: string; name: string } {
  const match = /^cabs\.([^.]+)\.(.+)$/.exec(type);
  if (!match) return { service: '', name: type };
  const name = match[2]
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
  return { service: match[1], name };
}

/** The first block of a UUID is enough to tell rides apart on a screen. */
export function shortId(id: string): string {
  return /^[0-9a-f]{8}-/i.test(id) ? id.slice(0, 8) : id;
}

/** `10:04:31` in the viewer's time zone. */
export function clockTime(iso: string): string {
  const d = new Date(iso);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}
