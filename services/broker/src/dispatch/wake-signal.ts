/** Lets the dispatcher sleep until there may be work: a notification, or the timeout, whichever comes first. */
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
