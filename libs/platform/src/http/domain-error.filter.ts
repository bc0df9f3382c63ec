import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter, type Type } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

/** The ways a domain says no, in every service's words alike; each service's `DomainError` names its kind. */
export type DomainErrorKind = 'rule' | 'conflict' | 'not-found' | 'malformed';

/** A service's domain error as the REST layer sees it: plain TypeScript in the domain, matched by shape here. */
export interface DomainErrorLike extends Error {
  readonly code: string;
  readonly kind: DomainErrorKind;
}

/**
 * The one table from a domain's "no" to an HTTP status, the same in every service. Input its schema rejects never gets
 * this far: the schema pipes answer 400, naming the field.
 */
export const DOMAIN_ERROR_STATUS: Readonly<Record<DomainErrorKind, HttpStatus>> = {
  /** A business rule refused a well-formed request: a blank name, an expired licence, fee terms that make no sense. */
  rule: HttpStatus.UNPROCESSABLE_ENTITY,
  /** The current state does not allow it: a ride already completed, a legacy id another driver has. */
  conflict: HttpStatus.CONFLICT,
  /** What the request names does not exist. */
  'not-found': HttpStatus.NOT_FOUND,
  /** Input a schema cannot fully check, found malformed by the domain (a month that is not YYYY-MM): like schema-invalid input. */
  malformed: HttpStatus.BAD_REQUEST,
};

/**
 * Turns a service's domain errors into HTTP answers a person understands, so controllers stay thin:
 *
 *   providers: [{ provide: APP_FILTER, useClass: domainErrorFilter(DomainError) }]
 *
 * The status comes from `DOMAIN_ERROR_STATUS`; the body follows Nest's error shape: `{ statusCode, error, message, code }`.
 */
export function domainErrorFilter(errorClass: Type<DomainErrorLike>): Type<ExceptionFilter> {
  @Catch(errorClass)
  class DomainErrorFilter implements ExceptionFilter<DomainErrorLike> {
    catch(error: DomainErrorLike, host: ArgumentsHost): void {
      const status = DOMAIN_ERROR_STATUS[error.kind];
      const reply = host.switchToHttp().getResponse<FastifyReply>();
      void reply
        .status(status)
        .send({ statusCode: status, error: HttpStatus[status] ?? 'Error', message: error.message, code: error.code });
    }
  }
  return DomainErrorFilter;
}
