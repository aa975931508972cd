import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, originFor } from './config.ts';

describe('configuration (issue: platform core)', () => {
  it('runs on the embedded database at localhost:3000 by default', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: 'embedded', dataDir: './data' });
    expect(config.apex).toBe('localhost:3000');
    expect(originFor(config, 'glow')).toBe('http://glow.localhost:3000');
  });

  it('moves the default apex with PORT, and LUME_APEX overrides it', () => {
    expect(loadConfig({ PORT: '4100' }).apex).toBe('localhost:4100');
    expect(loadConfig({ PORT: '4100', LUME_APEX: 'Lume.Example' }).apex).toBe('lume.example');
  });

  it.each([
    [{ PORT: 'eighty' }, /^Invalid configuration: PORT /],
    [{ PORT: '70000' }, /^Invalid configuration: PORT /],
    [{ DATABASE_URL: 'mysql://x' }, /^Invalid configuration: DATABASE_URL must be a postgres:\/\/ URL$/],
    [{ TRUST_PROXY: 'maybe' }, /^Invalid configuration: TRUST_PROXY /],
    [{ LUME_MASTER_KEY: 'c2hvcnQ=' }, /^Invalid configuration: LUME_MASTER_KEY must be 32 bytes, base64-encoded$/],
    [{ LUME_APEX: 'https://lume.example/' }, /^Invalid configuration: LUME_APEX must be a host name/],
    [{ LOG_LEVEL: 'loud' }, /^Invalid configuration: LOG_LEVEL must be one of /],
  ])('stops with one line naming the variable for %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('refuses the embedded database and the dev outbox in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL is required in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/lume' })).toThrow(/MESSAGING must be "providers" in production/);
  });

  it('speaks https and sends HSTS-worthy origins in production', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/lume',
      MESSAGING: 'providers',
      LUME_MASTER_KEY: Buffer.alloc(32).toString('base64'),
      LUME_SECRET: 'x'.repeat(40),
      LUME_AUDIT_KEY: Buffer.alloc(32, 1).toString('base64'),
      LUME_APEX: 'lume.example',
      RESEND_API_KEY: 're_test_key_1234',
      DEMO_INBOX: 'demos@lume.example',
    });
    expect(config.protocol).toBe('https');
    expect(originFor(config, 'admin')).toBe('https://admin.lume.example');
  });

  it('requires Resend and the demo inbox in production, and builds the marketing sender from the apex', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/lume',
      MESSAGING: 'providers',
      LUME_MASTER_KEY: Buffer.alloc(32).toString('base64'),
      LUME_SECRET: 'x'.repeat(40),
      LUME_AUDIT_KEY: Buffer.alloc(32, 1).toString('base64'),
      LUME_APEX: 'lume.example',
    };
    expect(() => loadConfig(production)).toThrow(/^Invalid configuration: RESEND_API_KEY is required in production/);
    expect(() => loadConfig({ ...production, RESEND_API_KEY: 're_test_key_1234' })).toThrow(/^Invalid configuration: DEMO_INBOX is required in production/);
    expect(() => loadConfig({ DEMO_INBOX: 'not an email' })).toThrow(/^Invalid configuration: DEMO_INBOX must be an email address$/);
    const config = loadConfig({ ...production, RESEND_API_KEY: 're_test_key_1234', DEMO_INBOX: 'demos@lume.example', RESEND_API_URL: 'https://resend.test/' });
    expect(config.resend).toEqual({ apiKey: 're_test_key_1234', apiUrl: 'https://resend.test' });
    expect(config.marketingEmail).toEqual({ from: 'Lumè website <website@lume.example>', demoInbox: 'demos@lume.example' });
    expect(loadConfig({}).resend).toBeUndefined();
  });
});
