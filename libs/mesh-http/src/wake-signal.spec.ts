import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WakeSignal } from './wake-signal.js';

describe('WakeSignal', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** Whether the wait has returned once pending promise callbacks have run. */
  const settled = async (wait: Promise<void>) => {
    let done = false;
    void wait.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    return done;
  };

  it('sleeps for the time given when nobody wakes it', async () => {
    const wait = new WakeSignal().wait(1000);
    await vi.advanceTimersByTimeAsync(999);
    expect(await settled(wait)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(wait)).toBe(true);
  });

  it('returns as soon as it is notified', async () => {
    const signal = new WakeSignal();
    const wait = signal.wait(60_000);
    expect(await settled(wait)).toBe(false);
    signal.notify();
    expect(await settled(wait)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps a notification that came between two waits for the next one, once', async () => {
    const signal = new WakeSignal();
    signal.notify();
    signal.notify();
    expect(await settled(signal.wait(60_000))).toBe(true);
    expect(await settled(signal.wait(60_000))).toBe(false);
  });
});
