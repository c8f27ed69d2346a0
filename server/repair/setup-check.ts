/**
 * The setup check (`npm run zoom:check`, GET /api/repair/check): does the token work, which scopes
 * are missing, does the plan have the Dashboard that repair reads.
 */
import type { SetupCheck } from '../../shared/repair/status';
import { liveMeetings } from './answers';
import type { ZoomAccount } from './connection';
import { ZOOM_CODES, ZoomApiError, type ZoomClient } from './zoom-client';

/** Either the classic scope or both granular ones let repair read the Dashboard. */
const CLASSIC_SCOPE = 'dashboard_meetings:read:admin';
const GRANULAR_SCOPES = ['dashboard:read:list_meetings:admin', 'dashboard:read:list_meeting_participants:admin'];

export async function setupCheck(client: ZoomClient, account: ZoomAccount, now: number): Promise<SetupCheck> {
  const check: SetupCheck = {
    accountId: account.accountId,
    tokenError: null,
    scopes: [],
    missingScopes: [],
    dashboard: 'unknown',
    backfill: account.appId !== null,
    problems: [],
  };
  try {
    check.scopes = await client.scopes();
  } catch (error) {
    if (!(error instanceof ZoomApiError)) throw error;
    check.tokenError = error.message;
    check.problems.push(`No token: check ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET (${error.message})`);
    return check;
  }
  if (!check.scopes.includes(CLASSIC_SCOPE)) {
    check.missingScopes = GRANULAR_SCOPES.filter((s) => !check.scopes.includes(s));
  }
  try {
    await liveMeetings(client, now);
    check.dashboard = 'available';
  } catch (error) {
    if (!(error instanceof ZoomApiError)) throw error;
    if (error.code === ZOOM_CODES.missingScopes) {
      if (check.missingScopes.length === 0) check.missingScopes = [CLASSIC_SCOPE];
    } else if (error.status === 400 && error.code === ZOOM_CODES.planWithoutDashboard) {
      check.dashboard = 'unavailable';
      check.problems.push(
        "The account's plan has no Dashboard (Business or higher, with the Dashboard feature on): repair cannot run",
      );
    } else check.problems.push(`Listing live meetings failed: ${error.message}`);
  }
  if (check.missingScopes.length > 0) {
    check.problems.push(`Add the scopes ${check.missingScopes.join(', ')} to the Server-to-Server OAuth app`);
  }
  return check;
}
