import { MAX_MEETING_UUID_LENGTH } from '../../shared/meeting-uuid';
import { ApiError } from './errors';

/**
 * Meeting UUIDs may hold `/`, `+` and `=`. Zoom's convention double-encodes UUIDs that start with `/`
 * or contain `//`; the router already decoded once, so decode again while an escape remains
 * (a real UUID never contains `%`).
 */
export function meetingUuidParam(param: string): string {
  let uuid = param;
  for (let i = 0; i < 3 && uuid.includes('%'); i++) {
    try {
      uuid = decodeURIComponent(uuid);
    } catch {
      throw new ApiError(400, 'invalid_uuid', 'meeting uuid is not a valid URL-encoded string');
    }
  }
  if (uuid.length === 0 || uuid.length > MAX_MEETING_UUID_LENGTH)
    throw new ApiError(400, 'invalid_uuid', 'meeting uuid is empty or too long');
  return uuid;
}
