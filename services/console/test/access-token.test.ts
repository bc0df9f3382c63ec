import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { freePort } from '@cabs/testing';
import { consoleConfigFromEnv } from '../src/server/config.js';
import { startConsole, type RunningConsole } from '../src/server/console-server.js';

const TOKEN = '0123456789abcdef-console';

/** CONSOLE_TOKEN: the console exposed beyond the cluster asks for it; probes do not. */
describe('the console with an access token', () => {
  let running: RunningConsole;
  const get = (path: string, authorization?: string) =>
    fetch(`${running.url}${path}`, { headers: authorization ? { authorization } : {} });
  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  beforeAll(async () => {
    const webDir = await mkdtemp(join(tmpdir(), 'console-web-'));
    await writeFile(join(webDir, 'index.html'), '<!doctype html><title>console</title>');
    const nothing = `http://127.0.0.1:${await freePort()}`;
    const env = {
      HOST: '127.0.0.1',
      PORT: '0',
      CONSOLE_TOKEN: TOKEN,
      BROKER_ADMIN_URL: nothing,
      K_SINK: `${nothing}/cabs/default`,
    };
    running = await startConsole(consoleConfigFromEnv(env, webDir), pino({ level: 'silent' }));
  });
  afterAll(() => running?.close());

  it('refuses the page and its API without the token, and asks the browser for it', async () => {
    for (const authorization of [
      undefined,
      'Bearer wrong',
      basic('presenter', 'wrong'),
      basic(TOKEN, ''),
      `Basic ${TOKEN}`,
    ]) {
      for (const path of ['/', '/api/rides', '/api/dead-letters', '/api/stream']) {
        const response = await get(path, authorization);
        expect(response.status, `${path} with ${authorization}`).toBe(401);
        expect(response.headers.get('www-authenticate')).toBe('Basic realm="cabs console", charset="UTF-8"');
        await response.body?.cancel();
      }
    }
  });

  it('lets the token in as a bearer token or as the Basic password, and the probes in without it', async () => {
    for (const authorization of [`Bearer ${TOKEN}`, basic('presenter', TOKEN), basic('', TOKEN)]) {
      const page = await get('/', authorization);
      expect(page.status, authorization).toBe(200);
      expect(await page.text()).toContain('<title>console</title>');
    }
    for (const probe of ['/health/live', '/health/ready']) expect((await get(probe)).status, probe).toBe(200);
  });
});
