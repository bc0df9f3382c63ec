import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { exitOnConfigError } from '@cabs/contracts';
import { completeTracer } from '@cabs/client';
import { consoleConfigFromEnv } from './config.js';
import { startConsole } from './console-server.js';

// A wrong variable ends the process here, each problem on stderr, before anything is opened.
let config: ReturnType<typeof consoleConfigFromEnv>;
try {
  config = consoleConfigFromEnv(process.env, fileURLToPath(new URL('../web', import.meta.url)));
} catch (err) {
  exitOnConfigError(err);
}

// LOG_FORMAT=pretty for a person at a terminal (npm start); JSON otherwise.
const logger = pino({
  level: config.logging.level,
  base: { service: 'console' },
  transport:
    config.logging.format === 'pretty'
      ? {
          target: 'pino-pretty',
          options: { ignore: 'pid,hostname,service', colorize: process.stdout.isTTY || !!process.env.FORCE_COLOR },
        }
      : undefined,
});

try {
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
  logger.fatal(err);
  process.exitCode = 1;
}
