import { pino } from 'pino';
import { readEnvOrExit } from '@cabs/contracts';
import { startBroker } from './broker.js';
import { BrokerEnv, brokerOptions } from './config/environment.js';
import { brokerTracing } from './observability/tracing.js';

// A wrong variable ends the process here, each problem on stderr, before anything is opened.
const env = readEnvOrExit(BrokerEnv);

// LOG_FORMAT=pretty gives one readable line per delivery attempt in a terminal; JSON otherwise.
const logger = pino({
  level: env.LOG_LEVEL,
  base: { service: 'broker' },
  transport:
    env.LOG_FORMAT === 'pretty'
      ? {
          target: 'pino-pretty',
          options: {
            singleLine: false,
            ignore: 'pid,hostname,service',
            hideObject: true,
            colorize: process.stdout.isTTY || !!process.env.FORCE_COLOR,
          },
        }
      : undefined,
});

// Spans go to the collector the OpenTelemetry variables name (OTEL_EXPORTER_OTLP_ENDPOINT); none without one.
const tracing = brokerTracing(process.env);

try {
  const broker = await startBroker({ ...brokerOptions(env), logger, tracing });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: no new claims; finishing deliveries in flight`);
    await broker.close();
    // The last spans, but a collector that does not answer must not hold up the shutdown.
    await Promise.race([
      tracing.shutdown().catch(() => {}),
      new Promise((resolve) => setTimeout(resolve, 2000).unref()),
    ]);
    // Everything is closed, so the process ends by itself once the logs are flushed.
    logger.info('broker stopped');
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
} catch (err) {
  logger.fatal(err instanceof RangeError || (err as Error).name === 'MeshConfigError' ? (err as Error).message : err);
  process.exitCode = 1;
}
