import {
  Injectable,
  Logger,
  ServiceUnavailableException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { PrismaClientInitializationError, PrismaClientKnownRequestError } from '@prisma/client/runtime/client';
import { DriverAdapterError } from '@prisma/driver-adapter-utils';
import type { FastifyReply } from 'fastify';
import { catchError, throwError, type Observable } from 'rxjs';

/** Prisma's codes for "no server to talk to": can't reach, timed out, connection closed, no pooled connection in time. */
const UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024']);
/** The pg driver adapter's kinds for the same. */
const UNAVAILABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
/** SQLSTATE classes: 08 connection exception, 57P01–57P03 the server shutting down, crashed or starting up. */
const UNAVAILABLE_SQLSTATE = /^(08|57P0[123])/;
/** node-postgres's own words for a connection that is gone; Prisma passes them on as plain errors. */
const CONNECTION_LOST =
  /^(Connection terminated|Client has encountered a connection error|Client was closed and is not queryable)/;
/** Node's codes for a server that does not answer at all (a pg pool connecting during a restart). */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/**
 * Whether an error means the database is not there right now (a restart, a failover) rather than that the request
 * or the code is wrong: worth answering 503 and trying again, where anything else is a plain 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof PrismaClientInitializationError) return true;
  // Prisma wraps most driver errors; one that fails a transaction's BEGIN reaches the caller unwrapped.
  if (error instanceof DriverAdapterError) return isUnavailableCause(error.cause);
  if (!(error instanceof PrismaClientKnownRequestError)) return error instanceof Error && isLostConnection(error);
  return (
    UNAVAILABLE_CODES.has(error.code) ||
    isUnavailableCause((error.meta?.driverAdapterError as { cause?: unknown } | undefined)?.cause)
  );
}

/** The write side's errors come straight from node-postgres: SQLSTATE or Node's code in `code`, or its own words. */
function isLostConnection(error: Error & { code?: unknown }): boolean {
  const code = typeof error.code === 'string' ? error.code : '';
  return CONNECTION_LOST.test(error.message) || UNREACHABLE.has(code) || UNAVAILABLE_SQLSTATE.test(code);
}

function isUnavailableCause(cause: unknown): boolean {
  const { kind, code, originalCode } = (cause ?? {}) as { kind?: string; code?: string; originalCode?: string };
  return UNAVAILABLE_KINDS.has(kind ?? '') || UNAVAILABLE_SQLSTATE.test(originalCode ?? code ?? '');
}

/**
 * A REST request that met a database restart gets 503 with `Retry-After` and a message saying so, instead of an
 * anonymous 500: the client knows to try again, and nothing was changed (the transaction did not commit). An
 * interceptor rather than a filter, so every other error — a service's domain errors above all — reaches its own
 * filter untouched.
 */
@Injectable()
export class DatabaseUnavailableInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Database');

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (context.getType() !== 'http' || !isDatabaseUnavailable(error)) return throwError(() => error);
        this.logger.warn(`Answered 503, the database is unavailable: ${(error as Error).message}`);
        void context.switchToHttp().getResponse<FastifyReply>().header('retry-after', '1');
        return throwError(
          () =>
            new ServiceUnavailableException(
              'The database is not reachable right now; nothing was changed. Try again in a moment.',
              { cause: error },
            ),
        );
      }),
    );
  }
}
