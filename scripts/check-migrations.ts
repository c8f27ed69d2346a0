/**
 * Fails when server/db/schema.ts and the committed migrations in drizzle/ disagree: drizzle-kit
 * generates into a scratch copy of drizzle/, and any file it writes there is a migration nobody committed.
 *   npm run check:migrations
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const committed = join(root, 'drizzle');
const scratch = mkdtempSync(join(tmpdir(), 'roomwatch-migrations-'));

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

try {
  cpSync(committed, scratch, { recursive: true });
  const before = files(scratch);
  // drizzle-kit prefixes `out` with "./", so it must be relative to the working directory
  execFileSync(
    'npx',
    [
      'drizzle-kit',
      'generate',
      '--dialect',
      'sqlite',
      '--schema',
      './server/db/schema.ts',
      '--out',
      relative(root, scratch),
    ],
    { cwd: root, stdio: 'pipe' },
  );
  const added = files(scratch).filter((file) => !before.includes(file));
  if (added.length > 0) {
    console.error(
      `server/db/schema.ts differs from the migrations in drizzle/: drizzle-kit would add ${added.join(', ')}.\n` +
        'Run `npm run db:generate -- --name <what changed>` and commit the result.',
    );
    process.exitCode = 1;
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
