import { Injectable } from '@nestjs/common';

/**
 * The service's one source of "now". An invoice is dated, and numbered in the year of, the moment invoicing
 * issues it — not the event's `time`, which the sender sets — and tests move this clock to cross a New Year.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
