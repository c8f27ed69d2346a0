import { randomBytes } from 'node:crypto';
import type { UserStore } from './users';

const FIRST_ADMIN = 'admin';

/**
 * On the first start (no user at all) creates `admin` with ROOMWATCH_ADMIN_PASSWORD, or with a
 * generated password shown this one time. Passwords are never logged otherwise.
 */
export async function ensureFirstAdmin(
  users: UserStore,
  adminPassword: string | undefined,
  log: (text: string) => void,
): Promise<void> {
  if (users.count() > 0) {
    if (adminPassword !== undefined) {
      log(
        'ROOMWATCH_ADMIN_PASSWORD is ignored: users exist already (change a password with `npm run user -- passwd <name>`)',
      );
    }
    return;
  }
  if (adminPassword !== undefined) {
    await users.add(FIRST_ADMIN, adminPassword, null, { role: 'admin' });
    log(`Created user "${FIRST_ADMIN}" with the password from ROOMWATCH_ADMIN_PASSWORD.`);
    return;
  }
  const generated = randomBytes(18).toString('base64url');
  await users.add(FIRST_ADMIN, generated, null, { role: 'admin' });
  log(
    [
      '',
      '================================================================',
      ` Created user "${FIRST_ADMIN}" with a generated password, shown only now:`,
      '',
      `     ${generated}`,
      '',
      ' Sign in, then change it with: npm run user -- passwd admin',
      '================================================================',
      '',
    ].join('\n'),
  );
}
