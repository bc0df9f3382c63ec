/** Something the console does only for pages: follow the mesh's activity, ask the services about their health. */
export interface PageFeed {
  start(): void;
  stop(): Promise<void>;
}

/**
 * Runs the feeds while at least one page is open, and for `lingerMs` after the last one left (so a reload does not
 * drop the stream). Unwatched, the console costs the system nothing: following the broker meant parsing some thirty
 * activities per ride, and the health rounds asked every service every interval, with nobody looking.
 */
export class WhileWatched {
  private idle?: NodeJS.Timeout;

  constructor(
    private readonly feeds: PageFeed[],
    private readonly lingerMs: number,
  ) {}

  /** Told how many pages are open, whenever that changes. */
  pages(count: number): void {
    clearTimeout(this.idle);
    if (count > 0) {
      for (const feed of this.feeds) feed.start();
      return;
    }
    this.idle = setTimeout(() => void this.stop(), this.lingerMs);
    this.idle.unref();
  }

  async stop(): Promise<void> {
    clearTimeout(this.idle);
    await Promise.all(this.feeds.map((feed) => feed.stop()));
  }
}
