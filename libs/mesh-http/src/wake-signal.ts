/**
 * A wakeable sleep for a polling loop: `wait(ms)` returns after `ms`, or as soon as `notify()` is called, whichever
 * comes first. The broker's dispatcher, the services' outbox relay and transit's reconciler each sleep on one.
 */
export class WakeSignal {
  private notified = false;
  private wakeUp: (() => void) | undefined;

  notify(): void {
    this.notified = true;
    this.wakeUp?.();
  }

  /** Returns at once if notified since the last wait: a notification is never lost between two waits. */
  async wait(ms: number): Promise<void> {
    if (!this.notified) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        this.wakeUp = done;
        function done() {
          clearTimeout(timer);
          resolve();
        }
      });
      this.wakeUp = undefined;
    }
    this.notified = false;
  }
}
