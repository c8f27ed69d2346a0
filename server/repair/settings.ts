/**
 * The settings of the Zoom connection, validated like every other (server/config.ts): one Server-to-
 * Server OAuth app from ZOOM_ACCOUNT_ID / ZOOM_CLIENT_ID / ZOOM_CLIENT_SECRET (all three or none),
 * or several from the JSON file ZOOM_ACCOUNTS_FILE. A bad value stops start-up with one line
 * naming the variable; secrets are never shown.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { positiveNumber } from '../text-values';
import { ZOOM_DEFAULTS, type ZoomAccount, type ZoomConnection } from './connection';

const httpUrl = z
  .string()
  .refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), 'must be an http(s) URL');

const accountFileSchema = z
  .array(
    z.object({
      accountId: z.string().min(1),
      clientId: z.string().min(1),
      clientSecret: z.string().min(1),
      appId: z.string().min(1).optional(),
    }),
  )
  .min(1);

/** the JSON file of several accounts: [{"accountId", "clientId", "clientSecret", "appId"?}, ...] */
const accountsFile = z.string().transform((path, ctx): ZoomAccount[] => {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `cannot be read as JSON: ${(error as Error).message.split('\n')[0]}` });
    return z.NEVER;
  }
  const parsed = accountFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    ctx.addIssue({
      code: 'custom',
      message: `must hold a list of {accountId, clientId, clientSecret, appId?} (at ${issue.path.join('.') || 'the top'}: ${issue.message})`,
    });
    return z.NEVER;
  }
  return parsed.data.map((a) => ({ ...a, appId: a.appId ?? null }));
});

const share = z
  .string()
  .regex(/^(0(\.\d+)?|1(\.0+)?)$/, 'must be a number above 0 and at most 1')
  .transform(Number)
  .refine((n) => n > 0, 'must be above 0');

export const zoomEnvShape = {
  ZOOM_ACCOUNT_ID: z.string().optional(),
  ZOOM_CLIENT_ID: z.string().optional(),
  ZOOM_CLIENT_SECRET: z.string().optional(),
  ZOOM_APP_ID: z.string().optional(),
  ZOOM_ACCOUNTS_FILE: accountsFile.optional(),
  ZOOM_API_URL: httpUrl.default(ZOOM_DEFAULTS.apiUrl),
  ZOOM_OAUTH_URL: httpUrl.default(ZOOM_DEFAULTS.oauthUrl),
  ROOMWATCH_REPAIR_INTERVAL_SECONDS: positiveNumber.default(ZOOM_DEFAULTS.participantsIntervalSeconds),
  ROOMWATCH_REPAIR_MEETINGS_INTERVAL_SECONDS: positiveNumber.default(ZOOM_DEFAULTS.meetingsIntervalSeconds),
  ROOMWATCH_REPAIR_BUDGET_SHARE: share.default(ZOOM_DEFAULTS.budgetShare),
};

type ZoomEnv = z.output<z.ZodObject<typeof zoomEnvShape>>;

/** thrown with the variable's name first, as ConfigError's message */
export class ZoomSettingError extends Error {}

export function zoomConnectionOf(e: ZoomEnv): ZoomConnection | null {
  const single = [e.ZOOM_ACCOUNT_ID, e.ZOOM_CLIENT_ID, e.ZOOM_CLIENT_SECRET];
  const given = single.filter((v) => v !== undefined).length;
  if (given > 0 && given < 3) {
    const missing = (['ZOOM_ACCOUNT_ID', 'ZOOM_CLIENT_ID', 'ZOOM_CLIENT_SECRET'] as const).find(
      (n) => e[n] === undefined,
    )!;
    throw new ZoomSettingError(
      `${missing} is required with the other ZOOM_ACCOUNT_ID / ZOOM_CLIENT_ID / ZOOM_CLIENT_SECRET`,
    );
  }
  if (given === 3 && e.ZOOM_ACCOUNTS_FILE) {
    throw new ZoomSettingError('ZOOM_ACCOUNTS_FILE cannot be combined with ZOOM_ACCOUNT_ID: choose one');
  }
  if (given === 0 && e.ZOOM_APP_ID !== undefined) {
    throw new ZoomSettingError('ZOOM_APP_ID needs ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET');
  }
  const accounts: ZoomAccount[] =
    given === 3
      ? [
          {
            accountId: e.ZOOM_ACCOUNT_ID!,
            clientId: e.ZOOM_CLIENT_ID!,
            clientSecret: e.ZOOM_CLIENT_SECRET!,
            appId: e.ZOOM_APP_ID ?? null,
          },
        ]
      : (e.ZOOM_ACCOUNTS_FILE ?? []);
  if (accounts.length === 0) return null;
  return {
    accounts,
    apiUrl: e.ZOOM_API_URL,
    oauthUrl: e.ZOOM_OAUTH_URL,
    participantsIntervalMs: e.ROOMWATCH_REPAIR_INTERVAL_SECONDS * 1000,
    meetingsIntervalMs: e.ROOMWATCH_REPAIR_MEETINGS_INTERVAL_SECONDS * 1000,
    budgetShare: e.ROOMWATCH_REPAIR_BUDGET_SHARE,
  };
}
