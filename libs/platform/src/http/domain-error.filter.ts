import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter, type Type } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

/**
 * Turns a service's domain errors into HTTP answers a person understands, so controllers stay thin:
 *
 *   providers: [{ provide: APP_FILTER, useClass: domainErrorFilter(DomainError, (e) => e.kind === 'conflict' ? 409 : 422) }]
 *
 * The body follows Nest's error shape: `{ statusCode, error, message, code }`.
 */
export function domainErrorFilter<E extends Error & { code?: string }>(errorClass: Type<E>, statusOf: (error: E) => HttpStatus): Type<ExceptionFilter> {
  @Catch(errorClass)
  class DomainErrorFilter implements ExceptionFilter<E> {
    catch(error: E, host: ArgumentsHost): void {
      const status = statusOf(error);
      const reply = host.switchToHttp().getResponse<FastifyReply>();
      void reply.status(status).send({ statusCode: status, error: HttpStatus[status] ?? 'Error', message: error.message, code: error.code });
    }
  }
  return DomainErrorFilter;
}
