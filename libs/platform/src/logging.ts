import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { activeTraceId } from './telemetry/trace-context.js';

/** Structured JSON logs (one line each) carrying the trace id; `LOG_FORMAT=pretty` for humans at a terminal. */
export function loggerParams(service: string, env: { LOG_LEVEL: string; LOG_FORMAT: string }): Params {
  return {
    pinoHttp: {
      level: env.LOG_LEVEL,
      base: { service },
      mixin: () => {
        const traceId = activeTraceId();
        return traceId ? { trace_id: traceId } : {};
      },
      // Lines logged while handling a request carry its id, not all its headers; the request itself is logged once.
      quietReqLogger: true,
      // Health probes every second would drown the interesting lines.
      autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
      transport:
        env.LOG_FORMAT === 'pretty'
          ? {
              target: 'pino-pretty',
              options: {
                singleLine: true,
                ignore: 'pid,hostname,service,req,res,responseTime',
                colorize: process.stdout.isTTY || !!process.env.FORCE_COLOR,
              },
            }
          : undefined,
    },
    // The mesh's deliveries (POST /, the chassis' own route) are not logged per request: the broker logs each
    // attempt and its outcome, and the chassis what the handler did; a request logger for each was a tenth of a
    // service's CPU per delivery, even with the line itself filtered out by the level.
    exclude: [{ method: RequestMethod.POST, path: '/' }],
  };
}
