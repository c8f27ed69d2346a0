/**
 * Manages dashboard users in the database at DATABASE_PATH (the server may be running: it notices
 * the changes within a second, also on open sockets).
 *   npm run user -- add <name> [--role viewer|operator|admin] [--accounts id1,id2] [--password-stdin]
 *   npm run user -- passwd <name> [--password-stdin]
 *   npm run user -- role <name> <viewer|operator|admin>
 *   npm run user -- accounts <name> (--accounts id1,id2 | --all)
 *   npm run user -- remove <name>
 *   npm run user -- list
 * Passwords are never taken from the command line (shell history, process list): they are asked
 * for twice without echo on a terminal, or read from standard input (first line) otherwise. Every
 * change is in the audit log as done by `cli:<the operating system's user>`.
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../../shared/auth';
import { AuditLog } from '../audit/audit-log';
import { systemClock } from '../clock';
import { ConfigError, loadDatabasePath } from '../config';
import { DatabaseOpenError, openDatabase } from '../db/open';
import { UserError, UserStore } from '../auth/users';
import { UsageError } from './args';

const USAGE = `usage: npm run user -- <command>
  add <name> [--role R] [--accounts id1,id2] [--password-stdin]
                                                 create a user (a viewer of all Zoom accounts unless told)
  passwd <name> [--password-stdin]               change a password; signs the user out everywhere
  role <name> <viewer|operator|admin>            change what the user may do
  accounts <name> (--accounts id1,id2 | --all)   change which Zoom accounts the user sees
  remove <name>                                  delete a user and end their sessions
  list                                           show users, their roles, accounts and active sessions
Roles: viewer sees; operator also acknowledges alerts; admin also manages users and reads the
status, quarantine and audit log.
The password is asked on the terminal, or read from standard input (first line).
Works on the database at DATABASE_PATH (default ./data/roomwatch.db).`;

/** Each command: its positional arguments after the command, and the flags it takes. */
const COMMANDS = {
  add: { args: ['name'], flags: ['role', 'accounts', 'password-stdin'] },
  passwd: { args: ['name'], flags: ['password-stdin'] },
  role: { args: ['name', 'role'], flags: [] },
  accounts: { args: ['name'], flags: ['accounts', 'all'] },
  remove: { args: ['name'], flags: [] },
  list: { args: [], flags: [] },
} as const satisfies Record<string, { args: string[]; flags: string[] }>;

function parseRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) {
    throw new UsageError(`the role must be one of ${ROLES.join(', ')} (got "${value}")`);
  }
  return value as Role;
}

type Command = keyof typeof COMMANDS;

function parseCommandLine(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        accounts: { type: 'string' },
        role: { type: 'string' },
        all: { type: 'boolean' },
        'password-stdin': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
  const { values, positionals } = parsed;
  if (values.help) return null;
  const [command, ...rest] = positionals;
  if (command === undefined) throw new UsageError('a command is required');
  if (!Object.hasOwn(COMMANDS, command)) throw new UsageError(`unknown command "${command}"`);
  const spec = COMMANDS[command as Command];
  if (rest.length !== spec.args.length) {
    throw new UsageError(
      spec.args.length === 0
        ? `${command} takes no arguments`
        : spec.args.length === 1
          ? `${command} takes exactly one user name`
          : `${command} takes a user name and a role`,
    );
  }
  for (const flag of Object.keys(values)) {
    if (!(spec.flags as readonly string[]).includes(flag))
      throw new UsageError(`--${flag} is not an option of ${command}`);
  }
  if (values.accounts !== undefined && values.all) throw new UsageError('give either --accounts or --all, not both');
  if (command === 'accounts' && values.accounts === undefined && !values.all) {
    throw new UsageError('accounts needs --accounts id1,id2 or --all');
  }
  const accountIds =
    values.accounts === undefined
      ? null
      : values.accounts
          .split(',')
          .map((id) => id.trim())
          .filter((id) => id.length > 0);
  const role = command === 'role' ? rest[1]! : values.role;
  return {
    command: command as Command,
    name: rest[0] ?? '',
    accountIds,
    role: role === undefined ? 'viewer' : parseRole(role),
    passwordStdin: values['password-stdin'] === true,
  };
}

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text.split(/\r?\n/)[0]!;
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  let value: string[] = [];
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value.join(''));
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003' || ch === '\u0004') return finish(new UsageError('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value.push(ch);
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(name: string, fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) return readStdinLine();
  const first = await promptHidden(`New password for ${name}: `);
  const second = await promptHidden('Repeat it: ');
  if (first !== second) throw new UsageError('the two passwords differ; nothing changed');
  return first;
}

function formatList(users: UserStore): string {
  const rows = users
    .list()
    .map((u) => [
      u.username,
      u.role,
      u.accountIds === null ? 'all accounts' : u.accountIds.join(','),
      u.sso ? 'sso' : 'password',
      String(u.activeSessions),
      new Date(u.createdAt).toISOString().slice(0, 10),
    ]);
  if (rows.length === 0) return 'no users (the server creates "admin" on its first start)';
  const table = [['user', 'role', 'accounts', 'sign-in', 'sessions', 'created'], ...rows];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  return table
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function operatingSystemUser(): string {
  try {
    return userInfo().username;
  } catch {
    // no passwd entry for this uid (some containers)
    return String(process.getuid?.() ?? 'unknown');
  }
}

async function main(argv: string[]): Promise<number> {
  const args = parseCommandLine(argv);
  if (args === null) {
    console.log(USAGE);
    return 0;
  }
  const db = openDatabase(loadDatabasePath());
  const users = new UserStore(db, { now: systemClock.now, audit: new AuditLog(db, systemClock.now) });
  const actor = `cli:${operatingSystemUser()}`;
  try {
    const { command, name, accountIds, role } = args;
    switch (command) {
      case 'add': {
        users.checkNew(name, accountIds); // before asking for a password
        await users.add(name, await readPassword(name, args.passwordStdin), accountIds, { role, actor });
        console.log(`added user "${name}" (${role}, ${accountIds === null ? 'all accounts' : accountIds.join(', ')})`);
        break;
      }
      case 'passwd':
        users.require(name); // before asking for a password
        await users.setPassword(name, await readPassword(name, args.passwordStdin), actor);
        console.log(`changed the password of "${name}" and ended their sessions`);
        break;
      case 'role':
        users.setRole(name, role, actor);
        console.log(`"${name}" is now ${role === 'admin' ? 'an' : 'a'} ${role}`);
        break;
      case 'accounts':
        users.setAccounts(name, accountIds, actor);
        console.log(`"${name}" now sees ${accountIds === null ? 'all accounts' : accountIds.join(', ')}`);
        break;
      case 'remove':
        users.remove(name, actor);
        console.log(`removed user "${name}" and ended their sessions`);
        break;
      case 'list':
        console.log(formatList(users));
        break;
    }
    return 0;
  } finally {
    db.$client.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`npm run user: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    if (error instanceof UserError || error instanceof ConfigError || error instanceof DatabaseOpenError) {
      console.error(`npm run user: ${error.message}`);
      process.exit(1);
    }
    console.error('npm run user: failed', error);
    process.exit(1);
  },
);
