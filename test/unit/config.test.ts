import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadDatabasePath } from '../../server/config';

const base = { ZOOM_WEBHOOK_SECRET_TOKEN: 'zoom-secret' };

const failure = (env: NodeJS.ProcessEnv) => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig: access control, retention and shutdown', () => {
  it('has documented defaults', () => {
    expect(loadConfig(base)).toMatchObject({
      trustProxy: false,
      sessionIdleMs: 12 * 3_600_000,
      sessionMaxMs: 7 * 24 * 3_600_000,
      retentionMs: 30 * 86_400_000,
      shutdownGraceMs: 10_000,
      adminPassword: undefined,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      ...base,
      ROOMWATCH_TRUST_PROXY: 'true',
      ROOMWATCH_PUBLIC_URL: 'https://roomwatch.example/',
      ROOMWATCH_SESSION_IDLE_HOURS: '0.5',
      ROOMWATCH_SESSION_MAX_HOURS: '24',
      ROOMWATCH_RETENTION_DAYS: '90',
      ROOMWATCH_SHUTDOWN_GRACE_SECONDS: '0',
      ROOMWATCH_ADMIN_PASSWORD: 'a long enough one',
    });
    expect(config).toMatchObject({
      trustProxy: true,
      publicUrl: 'https://roomwatch.example',
      sessionIdleMs: 1_800_000,
      sessionMaxMs: 24 * 3_600_000,
      retentionMs: 90 * 86_400_000,
      shutdownGraceMs: 0,
      adminPassword: 'a long enough one',
    });
  });

  it('names the variable and the problem in one line, never echoing a password', () => {
    expect(failure({ ...base, ROOMWATCH_TRUST_PROXY: 'yes' })).toBe(
      'ROOMWATCH_TRUST_PROXY must be true or false (got "yes")',
    );
    expect(failure({ ...base, ROOMWATCH_RETENTION_DAYS: '0' })).toBe(
      'ROOMWATCH_RETENTION_DAYS must be greater than 0 (got "0")',
    );
    expect(failure({ ...base, ROOMWATCH_SESSION_IDLE_HOURS: 'twelve' })).toContain(
      'ROOMWATCH_SESSION_IDLE_HOURS must be a positive number',
    );
    expect(failure({ ...base, ROOMWATCH_SESSION_MAX_HOURS: '10000' })).toContain('at most 9600');
    expect(failure({ ...base, ROOMWATCH_SHUTDOWN_GRACE_SECONDS: '-1' })).toContain('ROOMWATCH_SHUTDOWN_GRACE_SECONDS');
    for (const [url, problem] of [
      ['roomwatch.example', 'must be an absolute URL such as https://roomwatch.example.com'],
      ['ftp://roomwatch.example', 'must start with https:// or http://'],
      ['/dashboard', 'must be an absolute URL such as https://roomwatch.example.com'],
    ]) {
      expect(failure({ ...base, ROOMWATCH_PUBLIC_URL: url })).toBe(`ROOMWATCH_PUBLIC_URL ${problem} (got "${url}")`);
    }
    const weak = failure({ ...base, ROOMWATCH_ADMIN_PASSWORD: 'hunter2' });
    expect(weak).toBe('ROOMWATCH_ADMIN_PASSWORD must be at least 8 characters');
    expect(weak).not.toContain('hunter2');
  });

  it('gives tools the database path without requiring the server secrets', () => {
    expect(loadDatabasePath({})).toBe('./data/roomwatch.db');
    expect(loadDatabasePath({ DATABASE_PATH: '/var/lib/roomwatch/rw.db' })).toBe('/var/lib/roomwatch/rw.db');
  });
});

describe('loadConfig: single sign-on', () => {
  const sso = {
    ...base,
    ROOMWATCH_PUBLIC_URL: 'https://roomwatch.example.com/',
    ROOMWATCH_OIDC_ISSUER: 'https://login.example.com/realms/staff',
    ROOMWATCH_OIDC_CLIENT_ID: 'roomwatch',
    ROOMWATCH_OIDC_CLIENT_SECRET: 'client-secret-value',
    ROOMWATCH_OIDC_GROUPS: '{"rw-admins": {"role": "admin"}, "emea": {"role": "operator", "accounts": ["acc1"]}}',
  };

  it('is off unless configured, and reads every setting when it is', () => {
    expect(loadConfig(base)).toMatchObject({ oidc: null, passwordLogin: true, publicUrl: undefined });
    expect(loadConfig({ ...sso, ROOMWATCH_OIDC_CLAIM: 'roles', ROOMWATCH_PASSWORD_LOGIN: 'false' })).toMatchObject({
      publicUrl: 'https://roomwatch.example.com',
      passwordLogin: false,
      oidc: {
        issuer: 'https://login.example.com/realms/staff',
        clientId: 'roomwatch',
        clientSecret: 'client-secret-value',
        publicUrl: 'https://roomwatch.example.com',
        claim: 'roles',
        groups: { 'rw-admins': { role: 'admin' }, emea: { role: 'operator', accounts: ['acc1'] } },
      },
    });
    // the public URL alone is a plain setting (origin checks use it too)
    expect(loadConfig({ ...base, ROOMWATCH_PUBLIC_URL: 'http://10.0.0.5:3000' }).publicUrl).toBe(
      'http://10.0.0.5:3000',
    );
  });

  it('names what is wrong or missing, never echoing the client secret', () => {
    const { ROOMWATCH_OIDC_CLIENT_SECRET: _secret, ...withoutSecret } = sso;
    expect(failure(withoutSecret)).toBe(
      'ROOMWATCH_OIDC_CLIENT_SECRET is required for single sign-on (ROOMWATCH_OIDC_ISSUER is set)',
    );
    const { ROOMWATCH_PUBLIC_URL: _url, ...withoutUrl } = sso;
    expect(failure(withoutUrl)).toContain('ROOMWATCH_PUBLIC_URL is required for single sign-on');
    expect(failure({ ...sso, ROOMWATCH_PUBLIC_URL: 'roomwatch.example.com' })).toContain(
      'ROOMWATCH_PUBLIC_URL must be an absolute URL',
    );
    expect(failure({ ...sso, ROOMWATCH_PUBLIC_URL: 'ftp://roomwatch.example.com' })).toContain('https:// or http://');
    expect(failure({ ...sso, ROOMWATCH_OIDC_ISSUER: 'http://login.example.com' })).toContain(
      'ROOMWATCH_OIDC_ISSUER must be an https:// URL (http:// only on localhost)',
    );
    expect(loadConfig({ ...sso, ROOMWATCH_OIDC_ISSUER: 'http://localhost:8080' }).oidc?.issuer).toBe(
      'http://localhost:8080',
    );
    expect(failure({ ...sso, ROOMWATCH_OIDC_GROUPS: '{rw-admins: admin}' })).toContain(
      'ROOMWATCH_OIDC_GROUPS must be JSON',
    );
    expect(failure({ ...sso, ROOMWATCH_OIDC_GROUPS: '{"rw": {"role": "owner"}}' })).toContain(
      'role must be one of viewer, operator, admin',
    );
    expect(failure({ ...sso, ROOMWATCH_OIDC_GROUPS: '{"rw": {"role": "viewer", "accounts": []}}' })).toContain(
      'ROOMWATCH_OIDC_GROUPS',
    );
    expect(failure({ ...sso, ROOMWATCH_OIDC_GROUPS: '{}' })).toContain('must map at least one claim value');
    expect(failure({ ...base, ROOMWATCH_PASSWORD_LOGIN: 'false' })).toContain(
      'ROOMWATCH_PASSWORD_LOGIN can be false only with single sign-on',
    );
    expect(failure({ ...sso, ROOMWATCH_OIDC_CLIENT_SECRET: 'x'.repeat(2000) })).not.toContain('xxxx');
  });
});
