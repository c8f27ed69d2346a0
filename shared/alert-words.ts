/**
 * The words of an alert: a short title and a one-sentence summary, for the API, the timeline and the
 * dashboard. Times go through `clock`: the server says them in UTC, the dashboard in the viewer's zone.
 */
import type { AlertDetailsByKind, AlertKind } from './alerts';
import { stripBidi } from './user-text';

export type TimeWords = (iso: string) => string;

type Describe<K extends AlertKind> = (
  details: AlertDetailsByKind[K],
  clock: TimeWords,
) => { title: string; summary: string };

export const utcTime: TimeWords = (iso) => iso.slice(11, 16) + ' UTC';

/** Zoom's setting names (enableWaitingRoom) as words (waiting room), for at-risk recommendations. */
export function settingWords(setting: string): string {
  const words = setting
    .replace(/^enable/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words === 'password' ? 'passcode' : words;
}

const list = (items: string[]) => (items.length > 0 ? items.join(', ') : 'none');

const DESCRIBE: { [K in AlertKind]: Describe<K> } = {
  quality_issue: (d) => ({ title: d.issue, summary: `Zoom reported "${d.issue}" in this meeting.` }),
  at_risk_meeting: (d, clock) => {
    const where = d.postPlatform ?? 'social media';
    const by = d.postUser ? ` by ${d.postUser}` : '';
    const when = d.postTime ? ` at ${clock(d.postTime)}` : '';
    const link = d.socialLink ? ` (${d.socialLink})` : '';
    return {
      title: `Meeting link posted on ${where}`,
      summary:
        `Zoom found this meeting's link posted${by} on ${where}${when}${link}. ` +
        `Zoom recommends enabling: ${list(d.recommendedEnableSettings.map(settingWords))}; ` +
        `disabling: ${list(d.recommendedDisableSettings.map(settingWords))}.`,
    };
  },
  recording_started: (d) => ({
    title: d.paused ? 'Recording paused' : 'Recording',
    summary: d.paused ? 'The meeting is being recorded; the recording is paused.' : 'The meeting is being recorded.',
  }),
  live_streaming_started: (d, clock) => ({
    title: 'Live streaming',
    summary: `The meeting is live streamed since ${clock(d.since)}.`,
  }),
  converted_to_webinar: (d, clock) => ({
    title: 'Converted to a webinar',
    summary: `The meeting was converted to a webinar at ${clock(d.convertedAt)}.`,
  }),
  join_storm: (d) => ({
    title: 'Join storm',
    summary: `${d.joins} people joined within ${d.windowSeconds} seconds.`,
  }),
  waiting_room_backlog: (d, clock) => ({
    title: 'Waiting room backlog',
    summary: `${d.waiting} waiting; ${d.longestWaitingName} has been waiting since ${clock(d.longestWaitingSince)}.`,
  }),
  unexpected_share: (d, clock) => ({
    title: `${d.participantName} is sharing`,
    summary: `${d.participantName} (${d.role}, not host or co-host) started sharing ${d.content} at ${clock(d.startedAt)}.`,
  }),
  mass_exodus: (d) => ({
    title: 'Mass exodus',
    summary: `${d.left} of ${d.before} participants left within ${d.windowSeconds} seconds.`,
  }),
  host_absent: (d, clock) => ({
    title: 'Meeting without host',
    summary: `The host ${d.hostName} left at ${clock(d.leftAt)} and the meeting is still running.`,
  }),
  over_time: (d, clock) => ({
    title: 'Over time',
    summary: `Scheduled for ${d.scheduledMinutes} minutes, the meeting was due to end at ${clock(d.scheduledEnd)}.`,
  }),
  unstable_participant: (d) => ({
    title: `${d.name} keeps reconnecting`,
    summary: `${d.name} rejoined ${d.rejoins} times within ${d.windowMinutes} minutes.`,
  }),
};

export function describeAlert<K extends AlertKind>(
  kind: K,
  details: AlertDetailsByKind[K],
  clock: TimeWords = utcTime,
): { title: string; summary: string } {
  const { title, summary } = (DESCRIBE[kind] as Describe<K>)(details, clock);
  // names and topics in them must not reorder the words around them
  return { title: stripBidi(title), summary: stripBidi(summary) };
}
