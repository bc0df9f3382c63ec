interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit. Callers add one item each and wait for it to be written; items that arrive while a
 * write is in flight are written together by the next one. Idle, an item is written at once; under
 * load one round trip (and one fsync) commits many items. A failed write fails exactly its items.
 */
export class Batcher<T> {
  private readonly queue: Waiting<T>[] = [];
  private running = 0;
  private idle: (() => void)[] = [];

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly options: { maxBatch: number; concurrency: number },
  ) {}

  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  /** Resolves once everything added so far has been written (or has failed). */
  drained(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private pump(): void {
    while (this.running < this.options.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.running++;
      // The next batch starts before this one's callers resume, so the pipe never idles while work waits.
      const settle = (notify: () => void) => {
        this.running--;
        this.pump();
        notify();
        if (this.running === 0 && this.queue.length === 0) this.idle.splice(0).forEach((resolve) => resolve());
      };
      this.write(batch.map((w) => w.item)).then(
        () => settle(() => batch.forEach((w) => w.resolve())),
        (err: unknown) => settle(() => batch.forEach((w) => w.reject(err))),
      );
    }
  }
}
