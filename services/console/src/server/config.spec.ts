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
        MESH_TOKEN: 's3cret-s3cret-s3cret',
        SEED_DEMO_DATA: 'true',
        HEALTH_POLL_INTERVAL: 'PT5S',
        LOG_FORMAT: 'pretty',
      },
      '/web',
    );
    expect(config).toMatchObject({
      brokerUrl: 'http://broker-ingress/cabs/default',
      tracingUiUrl: 'http://jaeger:16686',
      meshToken: 's3cret-s3cret-s3cret',
      seedDemoData: true,
      healthPollMs: 5000,
      logging: { level: 'info', format: 'pretty' },
    });
    expect(config.services.invoicing).toBe('http://invoicing:8080');
  });

  it('names the setting that is wrong, and what it should look like', () => {
    expect(() => consoleConfigFromEnv({ TRANSIT_URL: 'transit:3001' }, '/web')).toThrow(
      'TRANSIT_URL: must be an absolute http:// or https:// URL such as http://127.0.0.1:8080 (got "transit:3001")',
    );
    expect(() => consoleConfigFromEnv({ PORT: 'eighty' }, '/web')).toThrow('PORT: must be an integer (got "eighty")');
    expect(() => consoleConfigFromEnv({ HEALTH_POLL_INTERVAL: 'PT0.005S' }, '/web')).toThrow(
      'HEALTH_POLL_INTERVAL: must be at least PT0.1S (got "PT0.005S")',
    );
    expect(() => consoleConfigFromEnv({ HEALTH_POLL_INTERVAL: '1500' }, '/web')).toThrow(
      'HEALTH_POLL_INTERVAL: must be an ISO 8601 duration such as PT0.2S, PT30S or PT15M (got "1500")',
    );
    expect(() => consoleConfigFromEnv({ HEALTH_POLL_MS: '1500' }, '/web')).toThrow(
      'HEALTH_POLL_MS: was renamed: set HEALTH_POLL_INTERVAL=PT1.5S (ISO 8601) instead',
    );
    expect(() => consoleConfigFromEnv({ SEED_DEMO_DATA: 'yes' }, '/web')).toThrow(
      'SEED_DEMO_DATA: must be one of "true", "false" (got "yes")',
    );
    expect(() => consoleConfigFromEnv({ CONSOLE_TOKEN: 'short' }, '/web')).toThrow(
      'CONSOLE_TOKEN: must be at least 16 characters long (got 5; e.g. openssl rand -hex 16)',
    );
    // The mesh token is checked as every other process checks it.
    expect(() => consoleConfigFromEnv({ MESH_TOKEN: 'short' }, '/web')).toThrow(
      'MESH_TOKEN: must be at least 16 characters long (got 5; e.g. openssl rand -hex 16)',
    );
  });
});
