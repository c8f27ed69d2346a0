/** Sign-in as the API and the dashboard see it (README, "Access control"). */
import { z } from 'zod';

/** Body of POST /api/login. */
export const loginRequestSchema = z.object({
  username: z.string().min(1, 'is required').max(128, 'is too long'),
  password: z.string().min(1, 'is required').max(1024, 'is too long'),
});

export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** Roles, least to most: each can do everything the ones before it can. */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The one place that says which role may do what, for the server's checks (server/auth/roles.ts)
 * and for what the dashboard shows. A new feature adds its action here.
 */
export const REQUIRED_ROLE = {
  /** meetings, timeline, alerts, search, live data */
  view: 'viewer',
  acknowledge: 'operator',
  snooze: 'operator',
  users: 'admin',
  channels: 'admin',
  status: 'admin',
  quarantine: 'admin',
  repair: 'admin',
  audit: 'admin',
} as const satisfies Record<string, Role>;
export type Action = keyof typeof REQUIRED_ROLE;

export const hasRole = (role: Role, needed: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(needed);
export const can = (role: Role, action: Action): boolean => hasRole(role, REQUIRED_ROLE[action]);

/** Answer of POST /api/login and GET /api/session: who is signed in. */
export interface SessionInfo {
  username: string;
  /** the Zoom account_ids this user may see; null for all accounts */
  accountIds: string[] | null;
  role: Role;
}

/** Answer of GET /api/auth/methods: how the sign-in page may sign in. */
export interface AuthMethods {
  password: boolean;
  sso: boolean;
}
