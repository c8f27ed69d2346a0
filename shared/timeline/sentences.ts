/**
 * THE table of the timeline: for every event type of the spec, its category, its severity and the
 * one-line sentence a host admin reads. Typed against the generated schemas, so a new event type
 * or a renamed field fails to compile here. Sentences about what happens inside a meeting leave
 * out the topic (the timeline row shows the meeting); those about a meeting as a whole name it.
 */
import { sharedThing, type SharingDetails } from '../participant-words';
import type { ZoomEventName, ZoomEventOf } from '../zoom/events.generated';
import type { Severity, TimelineCategory } from './categories';
import type { SentenceContext } from './context';
import {
  calloutFailure,
  chatAudience,
  deviceTest,
  leftBreakoutRoom,
  leftMeeting,
  ofTopic,
  qualityAlert,
  registrantName,
  roleChanged,
  roomPhrase,
  roomSystemCallout,
  streamingDestination,
  topicOf,
  who,
  whom,
  type Registrant,
} from './phrases';
import { by, count, listing, nameText, quoted, shortListing, text, textList, words } from './wording';

export interface TimelineRule<N extends ZoomEventName> {
  category: TimelineCategory;
  /** 'info' when absent */
  severity?: Severity;
  sentence: (event: ZoomEventOf<N>, ctx: SentenceContext) => string;
}

type Maybe<T> = T | null | undefined;
type Kind = 'Meeting' | 'Webinar';

/** The shape shared by every event about the meeting as a whole (scheduling, summaries, recordings). */
interface Change {
  operator?: Maybe<string>;
  operation?: Maybe<string>;
}

function joined(participant: { user_name?: Maybe<string>; phone_number?: Maybe<string> }): string {
  return words(`${who(participant.user_name)} joined`, text(participant.phone_number) !== null && 'by phone');
}

function phoneBound(participant: { user_name?: Maybe<string> }): string {
  return `${who(participant.user_name)} connected their phone for audio`;
}

function sharing(
  verb: 'started' | 'stopped',
  participant: { user_name?: Maybe<string>; sharing_details?: Maybe<SharingDetails> },
  where: string | null = null,
): string {
  return words(`${who(participant.user_name)} ${verb} sharing ${sharedThing(participant.sharing_details)}`, where);
}

function feedback(
  kind: Kind,
  participant: {
    user_name?: Maybe<string>;
    feedback?: Maybe<{ satisfied?: Maybe<boolean>; feedback_details?: Maybe<{ name?: Maybe<string> }[]> }>;
  },
): string {
  const person = who(participant.user_name);
  const satisfied = participant.feedback?.satisfied;
  const the = `the ${kind.toLowerCase()}`;
  if (satisfied === true) return `${person} was satisfied with ${the}`;
  const details = textList(
    participant.feedback?.feedback_details?.map((d) => d.name),
    40,
  );
  if (satisfied === false)
    return words(`${person} was not satisfied with ${the}`, details.length > 0 && `(${shortListing(details, 3)})`);
  return `${person} left feedback on ${the}`;
}

function lifecycle(subject: string, what: 'started' | 'ended', topic: Maybe<string>, ctx: SentenceContext): string {
  return words(subject, topicOf(topic, ctx), what);
}

/** `operation: 'single'` means one occurrence of a recurring meeting. */
function scheduled(
  kind: Kind,
  what: string,
  payload: Change & { object?: Maybe<{ topic?: Maybe<string> }> },
  ctx: SentenceContext,
): string {
  const subject = payload.operation === 'single' ? `An occurrence of ${kind.toLowerCase()}` : kind;
  return words(subject, topicOf(payload.object?.topic, ctx), what, by(payload.operator));
}

function renamed(subject: string, before: string, after: string, operator: Maybe<string>): string {
  return words(subject, quoted(before), 'was renamed to', quoted(after), by(operator));
}

/** meeting.updated and webinar.updated carry only the changed fields (plus ids) in `object`. */
function updated(
  kind: Kind,
  payload: Change & {
    object?: Maybe<Record<string, unknown> & { topic?: Maybe<string> }>;
    old_object?: Maybe<{ topic?: Maybe<string> }>;
  },
  ctx: SentenceContext,
): string {
  const before = text(payload.old_object?.topic);
  const after = text(payload.object?.topic);
  if (before !== null && after !== null && before !== after) return renamed(kind, before, after, payload.operator);
  const changed = Object.entries(payload.object ?? {})
    .filter(([field, value]) => field !== 'id' && field !== 'uuid' && value !== null && value !== undefined)
    .map(([field]) => field.replaceAll('_', ' '));
  return words(
    kind,
    topicOf(after ?? before, ctx),
    'was updated',
    by(payload.operator),
    changed.length > 0 && `(${shortListing(changed, 3)})`,
  );
}

interface Registration {
  registrant?: Maybe<Registrant & { status?: Maybe<string> }>;
  topic?: Maybe<string>;
}

/** What someone registers for: a meeting, a webinar, or the recording of one. */
function registrationTarget(kind: Kind | 'Recording', topic: Maybe<string>, ctx: SentenceContext): string {
  const title = topicOf(topic, ctx);
  if (kind === 'Recording') return `to watch the recording of ${title ?? 'a meeting'}`;
  return `for ${title ?? `the ${kind.toLowerCase()}`}`;
}

function registration(
  kind: Kind | 'Recording',
  what: 'was approved' | 'was cancelled' | 'was denied',
  object: Registration,
  ctx: SentenceContext,
): string {
  const name = registrantName(object.registrant);
  return words('Registration', name !== null && `of ${name}`, registrationTarget(kind, object.topic, ctx), what);
}

function registered(kind: Kind | 'Recording', object: Registration, ctx: SentenceContext): string {
  const name = registrantName(object.registrant);
  const target = registrationTarget(kind, object.topic, ctx);
  const pending = object.registrant?.status === 'pending' && '(awaiting approval)';
  return name === null ? words('New registration', target, pending) : words(name, 'registered', target, pending);
}

function summaryChange(
  what: string,
  payload: Change & { object: { meeting_topic?: Maybe<string> } },
  ctx: SentenceContext,
): string {
  return words('Meeting summary', ofTopic(payload.object.meeting_topic, ctx), what, by(payload.operator));
}

function recordingChange(
  what: string,
  payload: Change & { object: { topic?: Maybe<string> } },
  ctx: SentenceContext,
): string {
  return words('Cloud recording', ofTopic(payload.object.topic, ctx), what, by(payload.operator));
}

function files(n: Maybe<number>): string | null {
  return typeof n === 'number' && n > 0 ? `(${count(n, 'file')})` : null;
}

function batch(n: number, what: string, operator: Maybe<string>): string {
  return words(n > 0 ? count(n, 'cloud recording') : 'Cloud recordings', n === 1 ? 'was' : 'were', what, by(operator));
}

function aiCompanion(
  what: 'started' | 'stopped',
  features: Maybe<{ summary?: Maybe<boolean>; questions?: Maybe<boolean> }>,
): string {
  const used = [features?.summary === true && 'meeting summary', features?.questions === true && 'questions'].filter(
    (f): f is string => f !== false,
  );
  return words('AI Companion', what, used.length > 0 && `(${listing(used)})`);
}

type ChatRouting = NonNullable<Parameters<typeof chatAudience>[0]>;

function chatMessage(
  object: { chat_message?: Maybe<ChatRouting & { sender_name?: Maybe<string> }>; breakout_room_uuid?: Maybe<string> },
  ctx: SentenceContext,
): string {
  const message = object.chat_message;
  return words(who(message?.sender_name), 'sent a chat message', chatAudience(message, object.breakout_room_uuid, ctx));
}

function chatFileSent(
  object: {
    chat_message_file?: Maybe<ChatRouting & { sender_name?: Maybe<string>; file_name?: Maybe<string> }>;
    breakout_room_uuid?: Maybe<string>;
  },
  ctx: SentenceContext,
): string {
  const file = object.chat_message_file;
  const name = quoted(text(file?.file_name, 60));
  return words(
    who(file?.sender_name),
    name === null ? 'sent a file' : `sent the file ${name}`,
    chatAudience(file, object.breakout_room_uuid, ctx),
  );
}

function chatFileDownloaded(
  payload: Change & { object: { chat_message_file?: Maybe<{ file_name?: Maybe<string> }> } },
): string {
  const name = quoted(text(payload.object.chat_message_file?.file_name, 60));
  return words(name === null ? 'A chat file was downloaded' : `Chat file ${name} was downloaded`, by(payload.operator));
}

const invitationOutcomes = {
  sent: ['sent', 'to'],
  accepted: ['accepted', 'by'],
  declined: ['declined', 'by'],
  unanswered: ['not answered', 'by'],
} as const;

function invitation(outcome: keyof typeof invitationOutcomes, email: Maybe<string>): string {
  const [verb, preposition] = invitationOutcomes[outcome];
  const invitee = nameText(email);
  return words('Meeting invitation', verb, invitee !== null && `${preposition} ${invitee}`);
}

function phoneCallout(what: string, inviteeName: Maybe<string>): string {
  const invitee = nameText(inviteeName);
  return words('Phone call-out', invitee !== null && `to ${invitee}`, what);
}

function tsp(what: string, email: Maybe<string>): string {
  const user = nameText(email);
  return words('Audio conferencing (TSP) account', what, user !== null && `for ${user}`);
}

export const timelineRules: { [N in ZoomEventName]: TimelineRule<N> } = {
  // meeting and webinar lifecycle
  'meeting.started': {
    category: 'meeting',
    sentence: (e, ctx) => lifecycle('Meeting', 'started', e.payload.object.topic, ctx),
  },
  'meeting.ended': {
    category: 'meeting',
    sentence: (e, ctx) => lifecycle('Meeting', 'ended', e.payload.object.topic, ctx),
  },
  'webinar.started': {
    category: 'meeting',
    sentence: (e, ctx) => lifecycle('Webinar', 'started', e.payload.object.topic, ctx),
  },
  'webinar.ended': {
    category: 'meeting',
    sentence: (e, ctx) =>
      lifecycle(
        e.payload.object.practice_session === true ? 'Practice session of webinar' : 'Webinar',
        'ended',
        e.payload.object.topic,
        ctx,
      ),
  },

  // participants
  'meeting.participant_joined': { category: 'participants', sentence: (e) => joined(e.payload.object.participant) },
  'webinar.participant_joined': { category: 'participants', sentence: (e) => joined(e.payload.object.participant) },
  'meeting.participant_left': {
    category: 'participants',
    sentence: (e) => leftMeeting(e.payload.object.participant.user_name, e.payload.object.participant.leave_reason),
  },
  'webinar.participant_left': {
    category: 'participants',
    sentence: (e) => leftMeeting(e.payload.object.participant.user_name, e.payload.object.participant.leave_reason),
  },
  'meeting.participant_jbh_joined': {
    category: 'participants',
    sentence: (e) => `${who(e.payload.object.participant.user_name)} joined before the host`,
  },
  'meeting.participant_bind': {
    category: 'participants',
    sentence: (e) => phoneBound(e.payload.object.participant),
  },
  'webinar.participant_bind': {
    category: 'participants',
    sentence: (e) => phoneBound(e.payload.object.participant),
  },
  'meeting.participant_feedback': {
    category: 'participants',
    sentence: (e) => feedback('Meeting', e.payload.object.participant),
  },
  'webinar.participant_feedback': {
    category: 'participants',
    sentence: (e) => feedback('Webinar', e.payload.object.participant),
  },
  'meeting.device_tested': { category: 'participants', sentence: (e) => deviceTest(e.payload.object.test_result) },

  // breakout rooms
  'meeting.participant_joined_breakout_room': {
    category: 'breakout_rooms',
    sentence: (e, ctx) =>
      `${who(e.payload.object.participant.user_name)} moved to ${roomPhrase(e.payload.object.breakout_room_uuid, ctx)}`,
  },
  'meeting.participant_left_breakout_room': {
    category: 'breakout_rooms',
    sentence: (e, ctx) =>
      leftBreakoutRoom(
        e.payload.object.participant.user_name,
        roomPhrase(e.payload.object.breakout_room_uuid, ctx),
        e.payload.object.participant.leave_reason,
      ),
  },

  // waiting room and join-before-host
  'meeting.participant_joined_waiting_room': {
    category: 'waiting_room',
    sentence: (e) => `${who(e.payload.object.participant.user_name)} entered the waiting room`,
  },
  'meeting.participant_left_waiting_room': {
    category: 'waiting_room',
    sentence: (e) => `${who(e.payload.object.participant.user_name)} left the waiting room`,
  },
  'meeting.participant_admitted': {
    category: 'waiting_room',
    sentence: (e) => `Host admitted ${whom(e.payload.object.participant.user_name)} from the waiting room`,
  },
  'meeting.participant_put_in_waiting_room': {
    category: 'waiting_room',
    sentence: (e) => `Host put ${whom(e.payload.object.participant.user_name)} in the waiting room`,
  },
  'meeting.participant_jbh_waiting': {
    category: 'waiting_room',
    sentence: (e) => `${who(e.payload.object.participant.user_name)} is waiting for the host to join`,
  },
  'meeting.participant_jbh_waiting_left': {
    category: 'waiting_room',
    sentence: (e) => `${who(e.payload.object.participant.user_name)} stopped waiting for the host`,
  },

  // roles
  'meeting.participant_role_changed': { category: 'roles', sentence: (e) => roleChanged(e.payload.object.participant) },
  'webinar.participant_role_changed': { category: 'roles', sentence: (e) => roleChanged(e.payload.object.participant) },

  // sharing
  'meeting.sharing_started': { category: 'sharing', sentence: (e) => sharing('started', e.payload.object.participant) },
  'meeting.sharing_ended': { category: 'sharing', sentence: (e) => sharing('stopped', e.payload.object.participant) },
  'webinar.sharing_started': { category: 'sharing', sentence: (e) => sharing('started', e.payload.object.participant) },
  'webinar.sharing_ended': { category: 'sharing', sentence: (e) => sharing('stopped', e.payload.object.participant) },
  'meeting.breakout_room_sharing_started': {
    category: 'sharing',
    sentence: (e, ctx) =>
      sharing('started', e.payload.object.participant, `in ${roomPhrase(e.payload.object.breakout_room_uuid, ctx)}`),
  },
  'meeting.breakout_room_sharing_ended': {
    category: 'sharing',
    sentence: (e, ctx) =>
      sharing('stopped', e.payload.object.participant, `in ${roomPhrase(e.payload.object.breakout_room_uuid, ctx)}`),
  },

  // recording in the meeting
  'recording.started': { category: 'recording', sentence: () => 'Cloud recording started' },
  'recording.paused': { category: 'recording', sentence: () => 'Cloud recording paused' },
  'recording.resumed': { category: 'recording', sentence: () => 'Cloud recording resumed' },
  'recording.stopped': { category: 'recording', sentence: () => 'Cloud recording stopped' },

  // live streaming
  'meeting.live_streaming_started': {
    category: 'streaming',
    sentence: (e) => words('Live streaming started', streamingDestination(e.payload.object.live_streaming?.service)),
  },
  'meeting.live_streaming_stopped': {
    category: 'streaming',
    sentence: (e) => words('Live streaming', streamingDestination(e.payload.object.live_streaming?.service), 'stopped'),
  },

  // alerts
  'meeting.alert': { category: 'alerts', severity: 'warning', sentence: (e) => qualityAlert(e.payload.object.issues) },
  'webinar.alert': { category: 'alerts', severity: 'warning', sentence: (e) => qualityAlert(e.payload.object.issues) },
  'meeting.risk_alert': {
    category: 'alerts',
    severity: 'critical',
    sentence: (e, ctx) => {
      const details = e.payload.object.armn_details;
      const platform = text(details.post_platform, 40);
      const poster = nameText(details.post_user);
      return `${words('At-risk meeting', topicOf(e.payload.object.topic, ctx))}: ${words(
        'link posted',
        platform === null ? 'publicly' : `on ${platform}`,
        poster !== null && `by ${poster}`,
      )}`;
    },
  },

  // chat
  'meeting.chat_message_sent': { category: 'chat', sentence: (e, ctx) => chatMessage(e.payload.object, ctx) },
  'webinar.chat_message_sent': { category: 'chat', sentence: (e, ctx) => chatMessage(e.payload.object, ctx) },
  'meeting.chat_message_file_sent': { category: 'chat', sentence: (e, ctx) => chatFileSent(e.payload.object, ctx) },
  'webinar.chat_message_file_sent': { category: 'chat', sentence: (e, ctx) => chatFileSent(e.payload.object, ctx) },
  'meeting.chat_message_file_downloaded': { category: 'chat', sentence: (e) => chatFileDownloaded(e.payload) },
  'webinar.chat_message_file_downloaded': { category: 'chat', sentence: (e) => chatFileDownloaded(e.payload) },

  // invitations and call-outs
  'meeting.invitation_dispatched': {
    category: 'invitations',
    sentence: (e) => invitation('sent', e.payload.object.participant.email),
  },
  'meeting.invitation_accepted': {
    category: 'invitations',
    sentence: (e) => invitation('accepted', e.payload.object.participant.email),
  },
  'meeting.invitation_rejected': {
    category: 'invitations',
    sentence: (e) => invitation('declined', e.payload.object.participant.email),
  },
  'meeting.invitation_timeout': {
    category: 'invitations',
    sentence: (e) => invitation('unanswered', e.payload.object.participant.email),
  },
  'meeting.participant_phone_callout_ringing': {
    category: 'invitations',
    sentence: (e) => phoneCallout('is ringing', e.payload.object.participant.invitee_name),
  },
  'meeting.participant_phone_callout_accepted': {
    category: 'invitations',
    sentence: (e) => phoneCallout('was answered', e.payload.object.participant.invitee_name),
  },
  'meeting.participant_phone_callout_rejected': {
    category: 'invitations',
    sentence: (e) => phoneCallout('was declined', e.payload.object.participant.invitee_name),
  },
  'meeting.participant_phone_callout_missed': {
    category: 'invitations',
    sentence: (e) => phoneCallout('was not answered', e.payload.object.participant.invitee_name),
  },
  'meeting.participant_room_system_callout_ringing': {
    category: 'invitations',
    sentence: (e) => words(roomSystemCallout(e.payload.object), 'is ringing'),
  },
  'meeting.participant_room_system_callout_accepted': {
    category: 'invitations',
    sentence: (e) => words(roomSystemCallout(e.payload.object), 'was accepted'),
  },
  'meeting.participant_room_system_callout_rejected': {
    category: 'invitations',
    sentence: (e) => words(roomSystemCallout(e.payload.object), 'was rejected'),
  },
  'meeting.participant_room_system_callout_missed': {
    category: 'invitations',
    sentence: (e) => words(roomSystemCallout(e.payload.object), 'was not answered'),
  },
  'meeting.participant_room_system_callout_failed': {
    category: 'invitations',
    sentence: (e) => {
      const reason = calloutFailure(e.payload.object.reason_type);
      return words(roomSystemCallout(e.payload.object), 'failed', reason !== null && `(${reason})`);
    },
  },

  // scheduling
  'meeting.created': {
    category: 'scheduling',
    sentence: (e, ctx) => scheduled('Meeting', 'was scheduled', e.payload, ctx),
  },
  'meeting.updated': { category: 'scheduling', sentence: (e, ctx) => updated('Meeting', e.payload, ctx) },
  'meeting.deleted': {
    category: 'scheduling',
    sentence: (e, ctx) => scheduled('Meeting', 'was deleted', e.payload, ctx),
  },
  'meeting.permanently_deleted': {
    category: 'scheduling',
    sentence: (e, ctx) => scheduled('Meeting', 'was permanently deleted', e.payload, ctx),
  },
  'meeting.recovered': {
    category: 'scheduling',
    sentence: (e, ctx) => scheduled('Meeting', 'was recovered from the trash', e.payload, ctx),
  },
  'meeting.converted_to_webinar': {
    category: 'scheduling',
    sentence: (e, ctx) => scheduled('Meeting', 'was converted to a webinar', e.payload, ctx),
  },
  'webinar.created': {
    category: 'scheduling',
    sentence: (e, ctx) => scheduled('Webinar', 'was scheduled', e.payload, ctx),
  },
  'webinar.updated': { category: 'scheduling', sentence: (e, ctx) => updated('Webinar', e.payload, ctx) },
  'webinar.deleted': {
    category: 'scheduling',
    sentence: (e, ctx) => scheduled('Webinar', 'was deleted', e.payload, ctx),
  },
  'webinar.permanently_deleted': {
    category: 'scheduling',
    sentence: (e, ctx) => scheduled('Webinar', 'was permanently deleted', e.payload, ctx),
  },
  'webinar.recovered': {
    category: 'scheduling',
    sentence: (e, ctx) => scheduled('Webinar', 'was recovered from the trash', e.payload, ctx),
  },
  'webinar.converted_to_meeting': {
    category: 'scheduling',
    sentence: (e, ctx) => scheduled('Webinar', 'was converted to a meeting', e.payload, ctx),
  },

  // registration
  'meeting.registration_created': {
    category: 'registration',
    sentence: (e, ctx) => registered('Meeting', e.payload.object, ctx),
  },
  'meeting.registration_approved': {
    category: 'registration',
    sentence: (e, ctx) => registration('Meeting', 'was approved', e.payload.object, ctx),
  },
  'meeting.registration_cancelled': {
    category: 'registration',
    sentence: (e, ctx) => registration('Meeting', 'was cancelled', e.payload.object, ctx),
  },
  'meeting.registration_denied': {
    category: 'registration',
    sentence: (e, ctx) => registration('Meeting', 'was denied', e.payload.object, ctx),
  },
  'webinar.registration_created': {
    category: 'registration',
    sentence: (e, ctx) => registered('Webinar', e.payload.object, ctx),
  },
  'webinar.registration_approved': {
    category: 'registration',
    sentence: (e, ctx) => registration('Webinar', 'was approved', e.payload.object, ctx),
  },
  'webinar.registration_cancelled': {
    category: 'registration',
    sentence: (e, ctx) => registration('Webinar', 'was cancelled', e.payload.object, ctx),
  },
  'webinar.registration_denied': {
    category: 'registration',
    sentence: (e, ctx) => registration('Webinar', 'was denied', e.payload.object, ctx),
  },
  'recording.registration_created': {
    category: 'registration',
    sentence: (e, ctx) => registered('Recording', e.payload.object, ctx),
  },
  'recording.registration_approved': {
    category: 'registration',
    sentence: (e, ctx) => registration('Recording', 'was approved', e.payload.object, ctx),
  },
  'recording.registration_denied': {
    category: 'registration',
    sentence: (e, ctx) => registration('Recording', 'was denied', e.payload.object, ctx),
  },

  // AI Companion and summaries
  'meeting.ai_companion_started': {
    category: 'summaries',
    sentence: (e) => aiCompanion('started', e.payload.object.ai_companion),
  },
  'meeting.ai_companion_stopped': {
    category: 'summaries',
    sentence: (e) => aiCompanion('stopped', e.payload.object.ai_companion),
  },
  'meeting.ai_companion_assets_deleted': {
    category: 'summaries',
    sentence: (e) => {
      const assets = textList(e.payload.object.ai_companion?.deleted_assets, 30);
      return `AI Companion ${assets.length > 0 ? listing(assets) : 'assets'} deleted`;
    },
  },
  'meeting.aic_transcript_completed': {
    category: 'summaries',
    sentence: (e, ctx) => words('AI Companion transcript', ofTopic(e.payload.object.meeting_topic, ctx), 'is ready'),
  },
  'meeting.summary_completed': {
    category: 'summaries',
    sentence: (e, ctx) => summaryChange('is ready', e.payload, ctx),
  },
  'meeting.summary_updated': {
    category: 'summaries',
    sentence: (e, ctx) =>
      summaryChange(
        'was edited',
        { ...e.payload, operator: e.payload.object.summary_last_modified_user_email ?? e.payload.operator },
        ctx,
      ),
  },
  'meeting.summary_shared': {
    category: 'summaries',
    sentence: (e, ctx) => {
      const recipients = e.payload.object.share_with_users?.length ?? 0;
      const shared = recipients > 0 ? `was shared with ${count(recipients, 'person', 'people')}` : 'was shared';
      return summaryChange(shared, e.payload, ctx);
    },
  },
  'meeting.summary_trashed': {
    category: 'summaries',
    sentence: (e, ctx) => summaryChange('was moved to the trash', e.payload, ctx),
  },
  'meeting.summary_recovered': {
    category: 'summaries',
    sentence: (e, ctx) => summaryChange('was recovered from the trash', e.payload, ctx),
  },
  'meeting.summary_deleted': {
    category: 'summaries',
    sentence: (e, ctx) => summaryChange('was permanently deleted', e.payload, ctx),
  },

  // cloud recording files
  'recording.completed': {
    category: 'cloud_recordings',
    sentence: (e, ctx) =>
      words(
        recordingChange('is ready', e.payload, ctx),
        files(e.payload.object.recording_count ?? e.payload.object.recording_files?.length),
      ),
  },
  'recording.transcript_completed': {
    category: 'cloud_recordings',
    sentence: (e, ctx) => words('Transcript', ofTopic(e.payload.object.topic, ctx), 'is ready'),
  },
  'recording.archive_files_completed': {
    category: 'cloud_recordings',
    sentence: (e, ctx) =>
      words(
        'Archived files',
        ofTopic(e.payload.object?.topic, ctx),
        'are ready',
        files(e.payload.object?.archive_files?.length),
      ),
  },
  'recording.renamed': {
    category: 'cloud_recordings',
    sentence: (e, ctx) => {
      const before = text(e.payload.old_object?.topic);
      const after = text(e.payload.object.topic);
      if (before === null || after === null || before === after) return recordingChange('was renamed', e.payload, ctx);
      return renamed('Cloud recording', before, after, e.payload.operator);
    },
  },
  'recording.trashed': {
    category: 'cloud_recordings',
    sentence: (e, ctx) => recordingChange('was moved to the trash', e.payload, ctx),
  },
  'recording.recovered': {
    category: 'cloud_recordings',
    sentence: (e, ctx) => recordingChange('was recovered from the trash', e.payload, ctx),
  },
  'recording.deleted': {
    category: 'cloud_recordings',
    sentence: (e, ctx) => recordingChange('was permanently deleted', e.payload, ctx),
  },
  'recording.batch_trashed': {
    category: 'cloud_recordings',
    sentence: (e) => batch(e.payload.object?.meeting_uuids?.length ?? 0, 'moved to the trash', e.payload.operator),
  },
  'recording.batch_recovered': {
    category: 'cloud_recordings',
    sentence: (e) => batch(e.payload.object?.meetings?.length ?? 0, 'recovered from the trash', e.payload.operator),
  },
  'recording.batch_deleted': {
    category: 'cloud_recordings',
    sentence: (e) => batch(e.payload.object?.meetings?.length ?? 0, 'permanently deleted', e.payload.operator),
  },
  'recording.cloud_storage_usage_updated': {
    category: 'cloud_recordings',
    sentence: (e) => {
      const usage = e.payload.object;
      const used = text(usage?.storage_used, 20);
      const plan = text(usage?.plan_storage, 20);
      const percent = usage?.storage_used_percentage;
      return words(
        'Cloud recording storage',
        typeof percent === 'number' && Number.isFinite(percent) ? `${Math.round(percent)}% used` : 'usage updated',
        used !== null && plan !== null && `(${used} of ${plan})`,
      );
    },
  },

  // account
  'user.tsp_created': { category: 'account', sentence: (e) => tsp('added', e.payload.object?.email) },
  'user.tsp_updated': { category: 'account', sentence: (e) => tsp('updated', e.payload.object?.email) },
  'user.tsp_deleted': { category: 'account', sentence: (e) => tsp('removed', e.payload.object?.email) },
};
