/** Sign-in as the API and the dashboard see it (README, "Access control"). */
import { z } from 'zod';

/** Body of POST /api/login. */
export const loginRequestSchema = z.object({
  username: z.string().min(1, 'is required').max(128, 'is too long'),
  password: z.string().min(1, 'is required').max(1024, 'is too long'),
});

export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** Answer of POST /api/login and GET /api/session: who is signed in. */
export interface SessionInfo {
  username: string;
  /** the Zoom account_ids this user may see; null for all accounts */
  accountIds: string[] | null;
}
