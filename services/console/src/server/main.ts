import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { completeTracer } from '@cabs/client';
import { ConfigError, consoleConfigFromEnv } from './config.js';
import { startConsole } from './console-server.js';

// LOG_FORMAT=pretty for a person at a terminal (npm start); JSON otherwise.
const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: 'console' },
  transport:
    process.env.LOG_FORMAT === 'pretty'
      ? {
          target: 'pino-pretty',
          options: { ignore: 'pid,hostname,service', colorize: process.stdout.isTTY || !!process.env.FORCE_COLOR },
        }
      : undefined,
});

try {
  const config = consoleConfigFromEnv(process.env, fileURLToPath(new URL('../web', import.meta.url)));
  const running = await startConsole(config, logger, completeTracer(process.env));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: closing the pages' streams`);
    await running.close();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
} catch (err) {
  logger.fatal(err instanceof ConfigError ? err.message : err);
  process.exitCode = 1;
}
