import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('loadConfig: notifications', () => {
  it('has no SMTP server by default', () => {
    expect(loadConfig(base)).toMatchObject({ smtp: null });
  });

  it('reads the public URL (without a trailing slash) and the SMTP server with its sender', () => {
    const config = loadConfig({
      ...base,
      ROOMWATCH_PUBLIC_URL: 'https://roomwatch.example.com/',
      ROOMWATCH_SMTP_URL: 'smtps://alerts:p%40ss@mail.example.com:465',
      ROOMWATCH_SMTP_FROM: 'roomwatch@example.com',
    });
    expect(config.publicUrl).toBe('https://roomwatch.example.com');
    expect(config.smtp).toEqual({ url: 'smtps://alerts:p%40ss@mail.example.com:465', from: 'roomwatch@example.com' });
    expect(loadConfig({ ...base, ROOMWATCH_SMTP_URL: 'smtp://mail.example.com' }).smtp?.from).toBe(
      'roomwatch@localhost',
    );
  });

  it('refuses bad values in one line, never echoing the SMTP URL (it holds a password)', () => {
    const smtp = failure({ ...base, ROOMWATCH_SMTP_URL: 'https://user:hunter2@mail.example.com' });
    expect(smtp).toMatch(/^ROOMWATCH_SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(smtp).not.toContain('hunter2');
    expect(failure({ ...base, ROOMWATCH_SMTP_FROM: 'nobody' })).toContain(
      'ROOMWATCH_SMTP_FROM must be an email address',
    );
  });
});

describe('loadConfig: the Zoom connection for repair', () => {
  const single = { ...base, ZOOM_ACCOUNT_ID: 'acc-1', ZOOM_CLIENT_ID: 'client', ZOOM_CLIENT_SECRET: 's3cret-value' };

  it('is off without an account: webhooks alone', () => {
    expect(loadConfig(base).zoom).toBeNull();
  });

  it('reads one account with its defaults, or every setting', () => {
    expect(loadConfig(single).zoom).toEqual({
      accounts: [{ accountId: 'acc-1', clientId: 'client', clientSecret: 's3cret-value', appId: null }],
      apiUrl: 'https://api.zoom.us/v2',
      oauthUrl: 'https://zoom.us/oauth/token',
      participantsIntervalMs: 60_000,
      meetingsIntervalMs: 180_000,
      budgetShare: 0.5,
    });
    expect(
      loadConfig({
        ...single,
        ZOOM_APP_ID: 'app-9',
        ZOOM_API_URL: 'http://127.0.0.1:3105/v2',
        ZOOM_OAUTH_URL: 'http://127.0.0.1:3105/oauth/token',
        ROOMWATCH_REPAIR_INTERVAL_SECONDS: '30',
        ROOMWATCH_REPAIR_MEETINGS_INTERVAL_SECONDS: '120',
        ROOMWATCH_REPAIR_BUDGET_SHARE: '0.25',
      }).zoom,
    ).toMatchObject({
      accounts: [{ appId: 'app-9' }],
      apiUrl: 'http://127.0.0.1:3105/v2',
      participantsIntervalMs: 30_000,
      meetingsIntervalMs: 120_000,
      budgetShare: 0.25,
    });
  });

  it('reads a file of several accounts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'roomwatch-config-'));
    const file = join(dir, 'accounts.json');
    writeFileSync(
      file,
      JSON.stringify([
        { accountId: 'a', clientId: 'ca', clientSecret: 'sa', appId: 'app' },
        { accountId: 'b', clientId: 'cb', clientSecret: 'sb' },
      ]),
    );
    expect(loadConfig({ ...base, ZOOM_ACCOUNTS_FILE: file }).zoom?.accounts.map((a) => [a.accountId, a.appId])).toEqual(
      [
        ['a', 'app'],
        ['b', null],
      ],
    );
    writeFileSync(file, JSON.stringify([{ accountId: 'a', clientId: 'ca' }]));
    expect(failure({ ...base, ZOOM_ACCOUNTS_FILE: file })).toMatch(
      /^ZOOM_ACCOUNTS_FILE must hold a list of .*clientSecret/,
    );
    expect(failure({ ...base, ZOOM_ACCOUNTS_FILE: join(dir, 'missing.json') })).toMatch(
      /^ZOOM_ACCOUNTS_FILE cannot be read as JSON/,
    );
    rmSync(dir, { recursive: true });
  });

  it('stops start-up with one line naming the variable, never showing the secret', () => {
    expect(failure({ ...base, ZOOM_ACCOUNT_ID: 'acc-1', ZOOM_CLIENT_ID: 'client' })).toMatch(
      /^ZOOM_CLIENT_SECRET is required/,
    );
    expect(failure({ ...base, ZOOM_APP_ID: 'app' })).toMatch(/^ZOOM_APP_ID needs ZOOM_ACCOUNT_ID/);
    expect(failure({ ...single, ZOOM_API_URL: 'ftp://x' })).toMatch(/^ZOOM_API_URL must be an http\(s\) URL/);
    expect(failure({ ...single, ROOMWATCH_REPAIR_BUDGET_SHARE: '1.5' })).toMatch(/^ROOMWATCH_REPAIR_BUDGET_SHARE /);
    expect(failure({ ...single, ROOMWATCH_REPAIR_BUDGET_SHARE: '0' })).toMatch(/^ROOMWATCH_REPAIR_BUDGET_SHARE /);
    expect(failure({ ...single, ROOMWATCH_REPAIR_INTERVAL_SECONDS: 'often' })).toMatch(
      /^ROOMWATCH_REPAIR_INTERVAL_SECONDS must be a positive number/,
    );
    const bad = failure({ ...base, ZOOM_CLIENT_ID: 'client', ZOOM_CLIENT_SECRET: 's3cret-value' });
    expect(bad).toMatch(/^ZOOM_ACCOUNT_ID is required/);
    expect(bad).not.toContain('s3cret-value');
  });
});
