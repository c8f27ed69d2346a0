/** npm run zoom:check: does the Zoom connection work for repair, and what did repair do lately. */
import { z } from 'zod';
import type { SetupCheck } from '../../shared/repair/status';
import { systemClock } from '../clock';
import { ConfigError, loadDatabasePath, loadZoomConnection } from '../config';
import { DatabaseOpenError, openDatabase, type Db } from '../db/open';
import { CallBudget } from '../repair/budget';
import { RepairBudgetStore } from '../repair/budget-store';
import { setupCheck } from '../repair/setup-check';
import { readRepairStatus, type SavedRepairStatus } from '../repair/status-store';
import { ZoomClient } from '../repair/zoom-client';
import { parseFlags, runCli } from './args';

const USAGE = `Usage: npm run zoom:check

Checks the Zoom connection that repair uses (ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET
or ZOOM_ACCOUNTS_FILE, ZOOM_API_URL, ZOOM_OAUTH_URL), one line per finding: does the token work,
which scopes are missing, does the plan have the Dashboard, is the downtime backfill set up, and
what repair did lately as the server last saved it in DATABASE_PATH. Its calls count in repair's
daily budget kept there; when the day's budget is spent, it makes none. Exits 1 when something
stops repair from working, else 0.`;

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function setupLines(check: SetupCheck): string[] {
  const lines: string[] = [];
  if (check.tokenError === null) {
    lines.push(`ok      the token works (scopes: ${check.scopes.join(' ') || 'none'})`);
    if (check.missingScopes.length === 0) lines.push('ok      no scope is missing');
    if (check.dashboard === 'available') lines.push("ok      the Dashboard answers: repair can read Zoom's live lists");
  }
  for (const problem of check.problems) lines.push(`problem ${problem}`);
  lines.push(
    check.backfill
      ? "ok      ZOOM_APP_ID is set: the downtime backfill reads the app's webhook log"
      : 'info    ZOOM_APP_ID is not set: no downtime backfill',
  );
  return lines;
}

function lately({ status, updatedAt }: SavedRepairStatus): string[] {
  const { checks, corrections, calls, lastError, backfill } = status;
  const made = Object.entries(corrections).filter(([, n]) => n > 0);
  const lines = [
    `info    repair lately (saved ${iso(updatedAt)}, counted since the server started): ` +
      `${checks.participants} checks of participants, ${checks.meetings} of live meetings, ` +
      `${checks.failed} failed, ${checks.ignored} not believed`,
    `info    corrections: ${made.length === 0 ? 'none' : made.map(([name, n]) => `${n} ${name.replace('roomwatch.repair.', '')}`).join(', ')}`,
    `info    calls: ${calls.list} list, ${calls.heavy} per-meeting (at most ${calls.dailyLimit} a day), ` +
      `${calls.rateLimited} answered 429${calls.pausedUntil ? `, paused until ${calls.pausedUntil}` : ''}, ` +
      `${calls.notFound ?? 0} "meeting not found" (meetings that had ended)`,
    `info    last error: ${lastError ? `${lastError.at}: ${lastError.message}` : 'none'}`,
  ];
  if (backfill) {
    lines.push(
      `info    last backfill ${backfill.at} (${backfill.from} to ${backfill.to}): ${backfill.entries} logged deliveries, ` +
        `${backfill.accepted} new, ${backfill.duplicates} already stored, ${backfill.quarantined} quarantined` +
        (backfill.error ? `; ${backfill.error}` : ''),
    );
  }
  return lines;
}

/** What the server saved, by account; empty before repair ever ran. */
function savedStatus(db: Db): Map<string, SavedRepairStatus> {
  return new Map(readRepairStatus(db.$client).map((s) => [s.status.accountId, s]));
}

async function main(): Promise<number | 'help'> {
  const flags = parseFlags(process.argv.slice(2), {}, z.object({}));
  if (flags === 'help') return 'help';
  const connection = loadZoomConnection();
  if (!connection) {
    process.stdout.write(
      'problem no Zoom connection is configured: set ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET (or ZOOM_ACCOUNTS_FILE)\n',
    );
    return 1;
  }
  const databasePath = loadDatabasePath();
  // the server's database: its calls count in the day's budget repair keeps there
  const db = openDatabase(databasePath);
  try {
    const saved = savedStatus(db);
    const spending = new RepairBudgetStore(db);
    let problems = 0;
    for (const account of connection.accounts) {
      const budget = new CallBudget(connection.budgetShare, systemClock.now(), {
        spent: spending.read(account.accountId),
        onSpent: (spent) => spending.spend(account.accountId, spent.day),
      });
      const { today, dailyLimit } = budget.spentAt(systemClock.now());
      const status = saved.get(account.accountId);
      let lines: string[];
      if (today >= dailyLimit) {
        problems++;
        lines = [
          `problem repair's budget for today (${dailyLimit} calls) is spent: no call made; Zoom's day starts again at 00:00 UTC`,
        ];
      } else {
        const client = new ZoomClient({
          account,
          apiUrl: connection.apiUrl,
          oauthUrl: connection.oauthUrl,
          budget,
          now: systemClock.now,
          sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        });
        const check = await setupCheck(client, account, systemClock.now());
        problems += check.problems.length;
        lines = setupLines(check);
      }
      lines.push(
        ...(status ? lately(status) : [`info    repair has not run yet with this account on ${databasePath}`]),
      );
      for (const line of lines)
        process.stdout.write(`${line.slice(0, 8)}account ${account.accountId}: ${line.slice(8)}\n`);
    }
    return problems === 0 ? 0 : 1;
  } finally {
    db.$client.close();
  }
}

void runCli('zoom:check', USAGE, main, (error) =>
  error instanceof ConfigError || error instanceof DatabaseOpenError ? error.message : null,
);
