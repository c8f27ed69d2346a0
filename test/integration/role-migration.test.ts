/** Migration 0005 gives the users from before roles the roles that match what they could do. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open';
import { projectRoot } from '../../server/paths';

const dir = mkdtempSync(join(tmpdir(), 'roomwatch-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('makes users who saw every account admins and the others operators', () => {
  // the migrations as they were before roles
  const before = join(dir, 'drizzle');
  cpSync(join(projectRoot, 'drizzle'), before, { recursive: true });
  const journalPath = join(before, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag === '0005_roles_sso_audit');
  expect(cut).toBeGreaterThan(0);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));

  const path = join(dir, 'roomwatch.db');
  const sqlite = new Database(path);
  migrate(drizzle(sqlite), { migrationsFolder: before });
  const insert = sqlite.prepare(
    "INSERT INTO users (username, password_hash, account_ids, created_at) VALUES (?, 'scrypt$x', ?, 0)",
  );
  insert.run('old.admin', null);
  insert.run('old.scoped', JSON.stringify(['acc-1']));
  sqlite.close();

  const db = openDatabase(path);
  try {
    expect(db.$client.prepare('SELECT username, role FROM users ORDER BY username').all()).toEqual([
      { username: 'old.admin', role: 'admin' },
      { username: 'old.scoped', role: 'operator' },
    ]);
  } finally {
    db.$client.close();
  }
});
