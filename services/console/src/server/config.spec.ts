import { describe, expect, it } from 'vitest';
import { consoleConfigFromEnv } from './config.js';

describe('consoleConfigFromEnv', () => {
  it('defaults to the ports of docs/contract.md on this machine', () => {
    const config = consoleConfigFromEnv({}, '/web');
    expect(config).toMatchObject({
      port: 3000,
      brokerUrl: 'http://127.0.0.1:8080/cabs/default',
      brokerAdminUrl: 'http://127.0.0.1:8081',
      services: { transit: 'http://127.0.0.1:3001', notifications: 'http://127.0.0.1:3005' },
      healthPollMs: 1500,
      webDir: '/web',
    });
    expect(config.meshToken).toBeUndefined();
    expect(config.tracingUiUrl).toBeUndefined();
    expect(config.seedDemoData).toBe(false);
  });

  it('takes every URL and setting from the environment, URLs without a trailing slash', () => {
    const config = consoleConfigFromEnv(
      {
        K_SINK: 'http://broker-ingress/cabs/default',
        INVOICING_URL: 'http://invoicing:8080/',
        TRACING_UI_URL: 'http://jaeger:16686/',
        MESH_TOKEN: 's3cret',
        SEED_DEMO_DATA: 'true',
      },
      '/web',
    );
    expect(config).toMatchObject({
      brokerUrl: 'http://broker-ingress/cabs/default',
      tracingUiUrl: 'http://jaeger:16686',
      meshToken: 's3cret',
      seedDemoData: true,
    });
    expect(config.services.invoicing).toBe('http://invoicing:8080');
  });

  it('names the setting that is wrong, and what it should look like', () => {
    expect(() => consoleConfigFromEnv({ TRANSIT_URL: 'transit:3001' }, '/web')).toThrow(
      "TRANSIT_URL must be an absolute URL such as http://127.0.0.1:3001; got 'transit:3001'",
    );
    expect(() => consoleConfigFromEnv({ PORT: 'eighty' }, '/web')).toThrow(
      "PORT must be a whole number from 0 to 65535; got 'eighty'",
    );
    expect(() => consoleConfigFromEnv({ HEALTH_POLL_MS: '5' }, '/web')).toThrow(
      'HEALTH_POLL_MS must be a whole number from 100 to 60000',
    );
    expect(() => consoleConfigFromEnv({ SEED_DEMO_DATA: 'yes' }, '/web')).toThrow(
      "SEED_DEMO_DATA must be true or false; got 'yes'",
    );
    expect(() => consoleConfigFromEnv({ CONSOLE_TOKEN: 'short' }, '/web')).toThrow(
      'CONSOLE_TOKEN must be at least 16 characters',
    );
  });
});
