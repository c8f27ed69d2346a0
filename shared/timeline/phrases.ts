/**
 * The recurring pieces of timeline sentences: people, rooms, departures, shared content, roles,
 * chat audiences, alert issues. Zoom's enums are open (new values arrive unannounced), so every
 * lookup has a readable fallback.
 */
import { rolePhrase } from '../participant-words';
import type { SentenceContext } from './context';
import { readLeaveReason } from './leave-reason';
import { listing, MAX_NAME, nameText, quoted, text, textList, wordFor, words } from './wording';

type Maybe<T> = T | null | undefined;

/** A display name at the start of a sentence, "A participant" when Zoom sent none. */
export function who(name: Maybe<string>): string {
  return nameText(name) ?? 'A participant';
}

/** A display name inside a sentence. */
export function whom(name: Maybe<string>): string {
  return nameText(name) ?? 'a participant';
}

export interface Registrant {
  first_name?: Maybe<string>;
  last_name?: Maybe<string>;
  email?: Maybe<string>;
}

/** "Ana Lima" from first and last name, else the email; null when the registrant is anonymous. */
export function registrantName(registrant: Maybe<Registrant>): string | null {
  const full = nameText(words(nameText(registrant?.first_name), nameText(registrant?.last_name)));
  return full ?? nameText(registrant?.email);
}

/** A topic in quotes from the event, else from live state; null when neither knows it. */
export function topicOf(topic: Maybe<string>, ctx: SentenceContext): string | null {
  return quoted(text(topic) ?? text(ctx.meetingTopic));
}

/** "of “Board sync”", or null when the topic is unknown. */
export function ofTopic(topic: Maybe<string>, ctx: SentenceContext): string | null {
  const title = topicOf(topic, ctx);
  return title === null ? null : `of ${title}`;
}

/** "breakout room 2" for the server's "Room 2", "a breakout room" when the room is unknown. */
export function roomPhrase(breakoutRoomUuid: Maybe<string>, ctx: SentenceContext): string {
  const label = breakoutRoomUuid ? text(ctx.roomLabel(breakoutRoomUuid), MAX_NAME) : null;
  return label === null ? 'a breakout room' : `breakout room ${label.replace(/^room\s+/i, '')}`;
}

function inParentheses(cause: string | null): string | null {
  return cause === null ? null : `(${cause})`;
}

/** meeting.participant_left and webinar.participant_left: the leave reason says what really happened. */
export function leftMeeting(name: Maybe<string>, leaveReason: Maybe<string>): string {
  const person = who(name);
  const departure = readLeaveReason(leaveReason);
  switch (departure.kind) {
    case 'to_breakout_room':
      return `${person} left the main room for a breakout room`;
    case 'to_main_room':
      return `${person} returned to the main room`;
    case 'left_waiting_room':
      return `${person} left the waiting room`;
    case 'removed_from_waiting_room':
      return `${person} was removed from the waiting room by the host`;
    case 'removed':
      return `${person} was removed by the host`;
    case 'disconnected':
      return words(`${person} was disconnected`, inParentheses(departure.cause));
    case 'left':
      return words(`${person} left`, inParentheses(departure.cause));
  }
}

export function leftBreakoutRoom(name: Maybe<string>, room: string, leaveReason: Maybe<string>): string {
  const person = who(name);
  const departure = readLeaveReason(leaveReason);
  switch (departure.kind) {
    case 'to_main_room':
      return `${person} returned to the main room from ${room}`;
    case 'to_breakout_room':
      return `${person} left ${room} for another breakout room`;
    case 'removed':
      return `${person} was removed from ${room} by the host`;
    case 'disconnected':
      return words(`${person} was disconnected from ${room}`, inParentheses(departure.cause));
    case 'left':
      return words(`${person} left ${room}`, inParentheses(departure.cause));
    case 'left_waiting_room':
    case 'removed_from_waiting_room':
      return `${person} left ${room}`;
  }
}

export function roleChanged(participant: {
  user_name?: Maybe<string>;
  new_role?: Maybe<string>;
  old_role?: Maybe<string>;
}): string {
  const now = rolePhrase(participant.new_role);
  if (now === null) return `Role changed for ${whom(participant.user_name)}`;
  const before = rolePhrase(participant.old_role);
  return words(`${who(participant.user_name)} is now ${now}`, before !== null && before !== now && `(was ${before})`);
}

interface ChatRouting {
  recipient_type?: Maybe<string>;
  recipient_name?: Maybe<string>;
  recipient_context?: Maybe<string>;
  sender_context?: Maybe<string>;
}

const audiences: Readonly<Record<string, string>> = {
  everyone: 'to everyone',
  group: 'to a group',
  host_group: 'to hosts and co-hosts',
  backstage: 'to the backstage',
};

/** "to everyone in breakout room 2", "privately to Ken", or null when Zoom does not say. */
export function chatAudience(
  routing: Maybe<ChatRouting>,
  breakoutRoomUuid: Maybe<string>,
  ctx: SentenceContext,
): string | null {
  const type = text(routing?.recipient_type)?.toLowerCase() ?? null;
  const recipient = nameText(routing?.recipient_name);
  let audience = wordFor(audiences, type);
  if (type === 'host') audience = `privately to ${recipient ?? 'the host'}`;
  else if (type === 'guest') audience = `privately to ${recipient ?? 'a participant'}`;
  const place = [routing?.sender_context, routing?.recipient_context].map((c) => text(c)?.toLowerCase());
  if (place.includes('breakout_room')) return words(audience, `in ${roomPhrase(breakoutRoomUuid, ctx)}`);
  if (place.includes('waiting_room')) return words(audience, 'in the waiting room');
  return audience;
}

const qualityIssues: Readonly<Record<string, string>> = {
  'unstable audio quality': 'unstable audio',
  'unstable video quality': 'unstable video',
  'unstable screen share quality': 'unstable screen sharing',
  'high cpu occupation': 'high CPU usage',
  'call reconnection': 'call reconnection',
};

/** meeting.alert and webinar.alert: every issue in one sentence. */
export function qualityAlert(issues: Maybe<readonly Maybe<string>[]>): string {
  const named = textList(textList(issues).map((issue) => wordFor(qualityIssues, issue) ?? issue));
  return named.length === 0 ? 'Quality alert' : `Quality alert: ${listing(named)}`;
}

const streamingServices: Readonly<Record<string, string>> = {
  facebook: 'Facebook',
  workplace_by_facebook: 'Workplace',
  youtube: 'YouTube',
  twitch: 'Twitch',
  custom_live_streaming_service: 'a custom streaming service',
};

/** "on YouTube", or null when Zoom does not say where. */
export function streamingDestination(service: Maybe<string>): string | null {
  const known = wordFor(streamingServices, service) ?? text(service, 40)?.replaceAll('_', ' ') ?? null;
  return known === null ? null : `on ${known}`;
}

const deviceNames = { camera_status: 'camera', microphone_status: 'microphone', speaker_status: 'speaker' } as const;

/** Zoom's device test statuses: 2 working, 1 not working, 0 not tested. */
export function deviceTest(
  result: Maybe<{ [K in keyof typeof deviceNames]?: Maybe<number> } & { user_name?: Maybe<string> }>,
): string {
  const person = who(result?.user_name);
  const entries = Object.entries(deviceNames) as [keyof typeof deviceNames, string][];
  const broken = entries.filter(([field]) => result?.[field] === 1).map(([, device]) => device);
  if (broken.length > 0) return `${person} tested their devices: ${listing(broken)} not working`;
  if (entries.some(([field]) => result?.[field] === 2)) return `${person} tested their devices: no problems found`;
  return `${person} tested their devices`;
}

const callTypes: Readonly<Record<string, string>> = { h323: 'H.323', sip: 'SIP' };

/** "Room system call-out (SIP) from Ana Lima" */
export function roomSystemCallout(object: {
  inviter_name?: Maybe<string>;
  participant: { call_type?: Maybe<string> };
}): string {
  const protocol = wordFor(callTypes, object.participant.call_type) ?? text(object.participant.call_type, 20);
  const inviter = nameText(object.inviter_name);
  return words('Room system call-out', protocol !== null && `(${protocol})`, inviter !== null && `from ${inviter}`);
}

/** The spec's reason_type of a failed room system call-out (0, "other", says nothing). */
const calloutFailures: readonly (string | null)[] = [
  null,
  'encryption failed',
  'disconnected by the room system',
  'retry',
  'bad sequence',
  'call limit reached',
  'not registered',
  'timed out',
  'bad address',
  'unreachable',
  'disconnected locally',
  'server error',
  'no free port',
  'connection error',
  'proxy connection error',
];

export function calloutFailure(reasonType: Maybe<number>): string | null {
  return typeof reasonType === 'number' ? (calloutFailures[reasonType] ?? null) : null;
}
