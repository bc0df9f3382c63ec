import { Injectable } from '@nestjs/common';

/**
 * A service's one source of "now", for the moments its writes record (a ride requested, started, completed; an
 * invoice issued). Injected, so a test can move it — to cross a New Year, say — without touching the system's time.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
