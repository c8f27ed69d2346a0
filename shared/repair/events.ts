/**
 * Roomwatch's own event types: the corrections repair makes from Zoom's REST API. They are logged
 * and reduced like webhooks, so a rebuild from the log equals live state, and each carries its
 * evidence: which check of Zoom's API showed it, and when. Zoom never sends them: the webhook
 * endpoint refuses every `roomwatch.*` name.
 */
import { z } from 'zod';
import { dateTime, eventTs, opt, str, zoomId } from '../zoom/schema-kit';

export const OWN_EVENT_PREFIX = 'roomwatch.';

/** A check of Zoom's Dashboard API: the participants of a live meeting, or the list of live meetings. */
export const repairCheckSchema = z.enum(['participants', 'meetings']);
export type RepairCheck = z.infer<typeof repairCheckSchema>;

/**
 * What showed the correction: `first_missed_at` is the first complete check that no longer listed
 * the person or the meeting, `confirmed_at` the later one that confirmed it; a join or a start has
 * only `seen_at`, the check that listed it.
 */
const evidence = z.object({
  check: repairCheckSchema,
  first_missed_at: opt(dateTime()),
  confirmed_at: opt(dateTime()),
  seen_at: opt(dateTime()),
});

const meeting = {
  uuid: str().min(1),
  /** a webinar (Zoom's Dashboard lists them apart); absent: a meeting, or one Roomwatch already knows */
  kind: opt(z.enum(['meeting', 'webinar'])),
  id: opt(zoomId()),
  topic: opt(str()),
  host_id: opt(str()),
  start_time: opt(dateTime()),
};

const participant = z.object({
  participant_uuid: opt(str()),
  user_id: opt(str()),
  /** the account user id of a signed-in person (Zoom's `id`) */
  id: opt(str()),
  user_name: opt(str()),
  email: opt(str()),
  join_time: opt(dateTime()),
  leave_time: opt(dateTime()),
  /** where Zoom says they are: the main room, a breakout room (`breakout_room_uuid`) or the waiting room */
  location: opt(z.enum(['main', 'breakout', 'waiting'])),
  breakout_room_uuid: opt(str()),
});

const envelope = <N extends string, O extends z.ZodRawShape>(name: N, object: O) =>
  z.object({
    event: z.literal(name),
    event_ts: eventTs(),
    payload: z.object({ account_id: str(), object: z.object(object), evidence }),
  });

export const ownEventSchemas = {
  'roomwatch.repair.participant_left': envelope('roomwatch.repair.participant_left', { ...meeting, participant }),
  'roomwatch.repair.participant_joined': envelope('roomwatch.repair.participant_joined', { ...meeting, participant }),
  'roomwatch.repair.meeting_ended': envelope('roomwatch.repair.meeting_ended', meeting),
  'roomwatch.repair.meeting_started': envelope('roomwatch.repair.meeting_started', meeting),
};

export type OwnEventName = keyof typeof ownEventSchemas;
export type OwnEventOf<N extends OwnEventName> = z.output<(typeof ownEventSchemas)[N]>;
export type OwnEvent = { [N in OwnEventName]: OwnEventOf<N> }[OwnEventName];

export const ownEventNames = Object.keys(ownEventSchemas) as OwnEventName[];

export function isOwnEventName(name: string): name is OwnEventName {
  return Object.hasOwn(ownEventSchemas, name);
}
