/**
 * Password hashing with scrypt from node:crypto. The stored string names its parameters
 * (`scrypt$N$r$p$salt$hash`), so raising the cost later leaves existing hashes verifiable.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';

export const passwordSchema = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(1024, 'must be at most 1024 characters')
  .refine((p) => p.trim().length > 0, 'must not be only spaces');

export const usernameSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._@-]{0,63}$/,
    'must be 1 to 64 characters: lowercase letters, digits, ".", "_", "@" or "-", starting with a letter or digit',
  );

/** ~32 MiB and some tens of milliseconds per hash: OWASP's recommended minimum for scrypt. */
const COST = { N: 2 ** 15, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;

type Cost = { N: number; r: number; p: number };

function derive(password: string, salt: Buffer, cost: Cost, keyBytes: number): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

const encode = (cost: Cost, salt: Buffer, key: Buffer) =>
  `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  return encode(COST, salt, await derive(password, salt, COST, KEY_BYTES));
}

/** Any well-formed hash: verifying against it costs the same as against a real one. */
export const UNUSABLE_HASH = encode(COST, randomBytes(SALT_BYTES), randomBytes(KEY_BYTES));

const stored = z.tuple([
  z.literal('scrypt'),
  z.coerce
    .number()
    .int()
    .min(2)
    .max(2 ** 20)
    .refine((n) => (n & (n - 1)) === 0, 'N must be a power of 2'),
  z.coerce.number().int().min(1).max(32),
  z.coerce.number().int().min(1).max(16),
  z.base64(),
  z.base64(),
]);

/** Constant-time comparison of the derived key; a malformed stored hash never matches. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const parsed = stored.safeParse(hash.split('$'));
  if (!parsed.success) return false;
  const [, N, r, p, salt, key] = parsed.data;
  const expected = Buffer.from(key, 'base64');
  if (expected.length < 16 || expected.length > 64) return false;
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N, r, p }, expected.length);
  return timingSafeEqual(expected, actual);
}
