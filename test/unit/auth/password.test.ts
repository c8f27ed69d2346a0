import { describe, expect, it } from 'vitest';
import { UNUSABLE_HASH, hashPassword, verifyPassword } from '../../../server/auth/password';

describe('password hashing', () => {
  it('stores scrypt with its parameters and a random salt per hash', async () => {
    const [a, b] = await Promise.all([hashPassword('Zoë’s passphrase 🎧'), hashPassword('Zoë’s passphrase 🎧')]);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('passphrase');
  });

  it('verifies the right password and refuses any other', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery staplE', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('treats composed and decomposed accents as the same password', async () => {
    const hash = await hashPassword('Fran\u00e7ois-2026');
    expect(await verifyPassword('Franc\u0327ois-2026', hash)).toBe(true);
  });

  it('verifies a hash made with other (stored) parameters', async () => {
    const hash = await hashPassword('rotate me later');
    const [, , , , salt] = hash.split('$');
    const { scryptSync } = await import('node:crypto');
    const older = `scrypt$16384$8$2$${salt}$${scryptSync('rotate me later', Buffer.from(salt!, 'base64'), 48, { N: 16384, r: 8, p: 2 }).toString('base64')}`;
    expect(await verifyPassword('rotate me later', older)).toBe(true);
    expect(await verifyPassword('rotate me sooner', older)).toBe(false);
  });

  it('never matches a malformed or unusable stored hash', async () => {
    const hash = await hashPassword('some password');
    const malformed = [
      '',
      'plaintext',
      hash.replace('scrypt', 'bcrypt'),
      hash.replace('$32768$', '$1000$'),
      hash.replace('$32768$', '$2147483648$'),
      hash.split('$').slice(0, 5).join('$'),
      `${hash}$extra`,
      hash.replace(/\$[^$]+$/, '$AAAA'),
    ];
    for (const stored of malformed) expect(await verifyPassword('some password', stored), stored).toBe(false);
    expect(await verifyPassword('some password', UNUSABLE_HASH)).toBe(false);
  });
});
