import { getAnswer } from '../support/api';
import { spawn } from 'node:child_process';
import { userInfo } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';

const root = fileURLToPath(new URL('../..', import.meta.url));

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** `npm run user -- ...args` against the running test server's database. */
function cli(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/user.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_PATH: server.dbPath },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** How the audit log names a change made with npm run user by this test's operating-system user. */
const cliActor = () => `cli:${userInfo().username}`;

const session = (cookie: string) => fetch(`${server.url}/api/session`, { headers: { cookie } });

describe('npm run user', () => {
  it('adds a user limited to some accounts, reading the first line of stdin as the password', async () => {
    const result = await cli(
      ['add', 'mina.kim', '--accounts', 'acc-seoul, acc-busan', '--password-stdin'],
      'Mina pass 서울 1\nignored\n',
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('added user "mina.kim" (viewer, acc-seoul, acc-busan)');
    const cookie = await server.login('mina.kim', 'Mina pass 서울 1');
    expect(await (await session(cookie)).json()).toEqual({
      username: 'mina.kim',
      accountIds: ['acc-seoul', 'acc-busan'],
      role: 'viewer',
    });
  });

  it('gives a role on creation and changes it, effective on the next request, audited as the CLI', async () => {
    const added = await cli(['add', 'olu', '--role', 'operator', '--password-stdin'], 'olu long password\n');
    expect(added).toMatchObject({ code: 0, stderr: '' });
    const cookie = await server.login('olu', 'olu long password');
    expect(await (await session(cookie)).json()).toMatchObject({ role: 'operator', accountIds: null });
    expect(await cli(['role', 'olu', 'admin'])).toMatchObject({ code: 0, stdout: '"olu" is now an admin\n' });
    expect(await (await session(cookie)).json()).toMatchObject({ role: 'admin' });
    const audit = await getAnswer(server.api, 'GET /api/audit', { query: { actor: cliActor() } });
    expect(audit.entries.filter((e) => e.target === 'olu')).toEqual([
      { ...audit.entries[0], action: 'user_role_changed', target: 'olu', details: { from: 'operator', to: 'admin' } },
      expect.objectContaining({ action: 'user_added', details: { role: 'operator', accountIds: null, sso: false } }),
    ]);
    expect((await cli(['remove', 'olu'])).code).toBe(0);
  });

  it('lists users with their accounts and active sessions, and no password material', async () => {
    const { code, stdout } = await cli(['list']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^user\s+role\s+accounts\s+sign-in\s+sessions\s+created$/);
    expect(lines.find((l) => l.startsWith('admin '))).toMatch(
      /^admin\s+admin\s+all accounts\s+password\s+\d+\s+\d{4}-\d{2}-\d{2}$/,
    );
    expect(lines.find((l) => l.startsWith('mina.kim'))).toMatch(
      /^mina\.kim\s+viewer\s+acc-seoul,acc-busan\s+password\s+1\s/,
    );
    expect(stdout).not.toMatch(/scrypt|\$/);
  });

  it('changes the scope of a user, effective on their next request', async () => {
    const cookie = await server.login('mina.kim', 'Mina pass 서울 1');
    expect((await cli(['accounts', 'mina.kim', '--all'])).code).toBe(0);
    expect(await (await session(cookie)).json()).toMatchObject({ accountIds: null });
    expect((await cli(['accounts', 'mina.kim', '--accounts', 'acc-jeju'])).code).toBe(0);
    expect(await (await session(cookie)).json()).toMatchObject({ accountIds: ['acc-jeju'] });
  });

  it('changes a password and ends the sessions made with the old one', async () => {
    const cookie = await server.login('mina.kim', 'Mina pass 서울 1');
    const result = await cli(['passwd', 'mina.kim'], 'a brand new passphrase\n');
    expect(result.code).toBe(0);
    expect((await session(cookie)).status).toBe(401);
    await expect(server.login('mina.kim', 'Mina pass 서울 1')).rejects.toThrow(/401/);
    await server.login('mina.kim', 'a brand new passphrase');
  });

  it('removes a user and ends their sessions at once', async () => {
    const cookie = await server.login('mina.kim', 'a brand new passphrase');
    const result = await cli(['remove', 'mina.kim']);
    expect(result).toMatchObject({ code: 0 });
    expect((await session(cookie)).status).toBe(401);
    expect((await cli(['list'])).stdout).not.toContain('mina.kim');
  });

  it('explains what is wrong in one line, exit 1 for refused changes and 2 for bad usage', async () => {
    const cases: [string[], string, number, RegExp][] = [
      [['passwd', 'nobody'], 'whatever password', 1, /no user "nobody"/],
      [['remove', 'nobody'], '', 1, /no user "nobody"/],
      [['add', 'ana'], 'short\n', 1, /the password must be at least 8 characters/],
      [['add', 'admin'], 'long enough password', 1, /user "admin" already exists/],
      [['add', 'Ana Lima'], 'long enough password', 1, /the username must be 1 to 64 characters/],
      [
        ['add', 'ana', '--accounts', 'acc 1'],
        'long enough password',
        1,
        /account list must hold Zoom account_ids .* \(got "acc 1"\)/,
      ],
      [['add', 'ana', 'hunter22'], '', 2, /add takes exactly one user name/],
      [['add', 'ana', '--password', 'hunter22'], '', 2, /Unknown option '--password'/],
      [['passwd', 'admin', '--accounts', 'a'], '', 2, /--accounts is not an option of passwd/],
      [['accounts', 'admin'], '', 2, /needs --accounts id1,id2 or --all/],
      [['accounts', 'admin', '--all', '--accounts', 'a'], '', 2, /either --accounts or --all/],
      [['promote', 'admin'], '', 2, /unknown command "promote"/],
      [[], '', 2, /a command is required/],
    ];
    const results = await Promise.all(cases.map(([args, stdin]) => cli(args, stdin)));
    for (const [i, [args, , code, message]] of cases.entries()) {
      const result = results[i]!;
      expect(result.code, args.join(' ')).toBe(code);
      expect(result.stderr.split('\n')[0], args.join(' ')).toMatch(message);
      expect(result.stderr).not.toContain('hunter22');
    }
    expect((await cli(['list'])).stdout).not.toMatch(/^ana/m);
  });

  it('refuses a role that does not exist, and a role for nobody', async () => {
    const cases: [string[], number, RegExp][] = [
      [['role', 'admin'], 2, /role takes a user name and a role/],
      [['role', 'admin', 'owner'], 2, /the role must be one of viewer, operator, admin \(got "owner"\)/],
      [['add', 'ana', '--role', 'root'], 2, /the role must be one of viewer, operator, admin/],
      [['role', 'nobody', 'admin'], 1, /no user "nobody"/],
    ];
    const results = await Promise.all(cases.map(([args]) => cli(args)));
    for (const [i, [args, code, message]] of cases.entries()) {
      expect(results[i]!.code, args.join(' ')).toBe(code);
      expect(results[i]!.stderr.split('\n')[0], args.join(' ')).toMatch(message);
    }
    expect((await cli(['list'])).stdout).toMatch(/^admin\s+admin\s/m);
  });
});
