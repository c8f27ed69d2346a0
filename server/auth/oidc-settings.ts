/**
 * Single sign-on settings: the provider, this client, and how a claim of the signed-in person
 * (e.g. their groups) maps to a role and Zoom accounts. Validated at start-up with the others.
 */
import { z } from 'zod';
import { ROLES, hasRole, type Role } from '../../shared/auth';
import { accountScopeSchema } from './users';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An absolute http(s) URL without query or fragment, kept without its trailing slash. */
export const absoluteUrl = z
  .string()
  .refine((s) => URL.canParse(s), 'must be an absolute URL such as https://roomwatch.example.com')
  .transform((s) => new URL(s))
  .refine((u) => u.protocol === 'https:' || u.protocol === 'http:', 'must start with https:// or http://')
  .refine((u) => u.search === '' && u.hash === '' && u.username === '', 'must have no query, fragment or user')
  .transform((u) => u.href.replace(/\/+$/, ''));

/** The provider's issuer: https, or http on this machine only (a local test provider). */
export const issuerUrl = absoluteUrl.refine(
  (s) => s.startsWith('https://') || LOOPBACK.has(new URL(s).hostname),
  'must be an https:// URL (http:// only on localhost)',
);

const grant = z.strictObject({
  role: z.enum(ROLES, { message: `role must be one of ${ROLES.join(', ')}` }),
  accounts: accountScopeSchema.optional(),
});

/**
 * ROOMWATCH_OIDC_GROUPS: JSON from a claim value to what it grants, e.g.
 * `{"roomwatch-admins": {"role": "admin"}, "emea-ops": {"role": "operator", "accounts": ["id1"]}}`.
 */
export const groupMapping = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'must be JSON: {"<claim value>": {"role": "viewer", "accounts": [...]}}',
      });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .record(z.string().min(1), grant, { message: 'must map claim values to {"role", "accounts"}' })
      .refine((map) => Object.keys(map).length > 0, 'must map at least one claim value'),
  );

export type GroupMapping = z.output<typeof groupMapping>;

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** ROOMWATCH_PUBLIC_URL: where browsers reach Roomwatch; the redirect URI is {publicUrl}/auth/oidc/callback */
  publicUrl: string;
  /** the claim holding the person's groups (a string or an array of strings) */
  claim: string;
  groups: GroupMapping;
}

export interface Grant {
  role: Role;
  accountIds: string[] | null;
}

/**
 * What a person's claim values grant together: the highest role of any mapped value, and every
 * account they name (all accounts when any of them names none); null when no value is mapped.
 */
export function grantOf(values: readonly string[], groups: GroupMapping): Grant | null {
  const grants = values.filter((v) => Object.hasOwn(groups, v)).map((v) => groups[v]!);
  if (grants.length === 0) return null;
  const role = grants.map((g) => g.role).reduce((a, b) => (hasRole(a, b) ? a : b));
  const accountIds = grants.some((g) => !g.accounts)
    ? null
    : [...new Set(grants.flatMap((g) => g.accounts ?? []))].sort();
  return { role, accountIds };
}
