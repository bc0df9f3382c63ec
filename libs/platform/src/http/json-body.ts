import { BadRequestException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { nestsDeeperThan } from '@cabs/contracts';

/** Deeper than any body or event of this system, far below where recursive code (validation, cloning) runs out of stack. */
export const MAX_JSON_DEPTH = 64;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON bodies (`application/json`, CloudEvents' `application/cloudevents+json`) are refused with 400 when they are
 * not UTF-8 — read as text, bad bytes would quietly become U+FFFD and be stored — or nest deeper than MAX_JSON_DEPTH.
 * Otherwise `application/json` goes to Fastify's own parser (which refuses `__proto__` and `constructor` keys) and
 * structured-mode CloudEvents stay text, for the mesh module to decode.
 */
export function useStrictJsonBodies(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', {}, (request, body, done) => {
    const text = checkedText(body);
    if (text instanceof Error) done(text, undefined);
    else parseJson(request as never, text, done);
  });
  app.useBodyParser(/^application\/cloudevents(-batch)?\+json/, {}, (_request, body, done) => {
    const text = checkedText(body);
    if (text instanceof Error) done(text, undefined);
    else done(null, text);
  });
}

function checkedText(body: Buffer): string | Error {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return new BadRequestException('The body is not valid UTF-8, as JSON must be');
  }
  return nestsDeeperThan(text, MAX_JSON_DEPTH)
    ? new BadRequestException(`The body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`)
    : text;
}
