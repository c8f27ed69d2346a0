import { canSeeAccount, type Principal } from '../auth/principal';
import { ApiError } from '../http/errors';
import type { LiveState } from '../state/live-state';
import type { MeetingRecord } from '../state/records';

/** The meeting's record, or a 404 when it does not exist or belongs to an account the user may not see. */
export function visibleMeeting(live: LiveState, principal: Principal, uuid: string): MeetingRecord {
  const meeting = live.meetingRecord(uuid);
  // a meeting of an account the user may not see does not exist for them
  if (!meeting || !canSeeAccount(principal, meeting.accountId))
    throw new ApiError(404, 'meeting_not_found', `no meeting with uuid ${uuid}`);
  return meeting;
}
