/**
 * The live state the server shows, and the state the simulator expects, in one comparable shape:
 * the fields both describe, with people and shares as sorted lines.
 */
import type { ExpectedMeeting } from '../../server/demo/simulator';
import type { MeetingDetail } from '../../shared/state';

const SHARED_FIELDS = [
  'status',
  'kind',
  'id',
  'topic',
  'recording',
  'recordingPaused',
  'liveStreaming',
  'counts',
] as const;

function comparable(
  meeting: Pick<MeetingDetail, (typeof SHARED_FIELDS)[number]>,
  people: unknown[][],
  sharing: unknown[][],
) {
  return {
    ...Object.fromEntries(SHARED_FIELDS.map((field) => [field, meeting[field]])),
    people: people.map((p) => p.join('|')).sort(),
    sharing: sharing.map((s) => s.join('|')).sort(),
  };
}

/** what the server shows of a meeting */
export const shownState = (d: MeetingDetail) =>
  comparable(
    d,
    // people waiting for the host have no participant_uuid: the server keys them by a hash
    d.participants.map((p) => [p.key.startsWith('h:') ? null : p.key, p.name, p.location, p.breakoutRoomUuid, p.role]),
    d.sharing.map((s) => [s.participantKey, s.content, s.breakoutRoomUuid]),
  );

/** what the simulator expects the server to show of it */
export const expectedStateOf = (m: ExpectedMeeting) =>
  comparable(
    m,
    m.participants.map((p) => [p.participantUuid, p.name, p.location, p.breakoutRoomUuid, p.role]),
    m.sharing.map((s) => [s.participantUuid, s.content, s.breakoutRoomUuid]),
  );
