/** The words of an alert: a short title and a one-sentence summary, for the dashboard and the timeline. */
import { settingWords, type AlertDetailsByKind, type AlertKind } from '../../shared/alerts';

type Describe<K extends AlertKind> = (details: AlertDetailsByKind[K]) => { title: string; summary: string };

const clock = (iso: string) => iso.slice(11, 16) + ' UTC';
const list = (items: string[]) => (items.length > 0 ? items.join(', ') : 'none');

const DESCRIBE: { [K in AlertKind]: Describe<K> } = {
  quality_issue: (d) => ({ title: d.issue, summary: `Zoom reported "${d.issue}" in this meeting.` }),
  at_risk_meeting: (d) => {
    const where = d.postPlatform ?? 'social media';
    const by = d.postUser ? ` by ${d.postUser}` : '';
    const when = d.postTime ? ` at ${d.postTime}` : '';
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
  live_streaming_started: (d) => ({
    title: 'Live streaming',
    summary: `The meeting is live streamed since ${clock(d.since)}.`,
  }),
  converted_to_webinar: (d) => ({
    title: 'Converted to a webinar',
    summary: `The meeting was converted to a webinar at ${clock(d.convertedAt)}.`,
  }),
  join_storm: (d) => ({
    title: 'Join storm',
    summary: `${d.joins} people joined within ${d.windowSeconds} seconds.`,
  }),
  waiting_room_backlog: (d) => ({
    title: 'Waiting room backlog',
    summary: `${d.waiting} waiting; ${d.longestWaitingName} has been waiting since ${clock(d.longestWaitingSince)}.`,
  }),
  unexpected_share: (d) => ({
    title: `${d.participantName} is sharing`,
    summary: `${d.participantName} (${d.role}, not host or co-host) started sharing ${d.content} at ${clock(d.startedAt)}.`,
  }),
  mass_exodus: (d) => ({
    title: 'Mass exodus',
    summary: `${d.left} of ${d.before} participants left within ${d.windowSeconds} seconds.`,
  }),
  host_absent: (d) => ({
    title: 'Meeting without host',
    summary: `The host ${d.hostName} left at ${clock(d.leftAt)} and the meeting is still running.`,
  }),
  over_time: (d) => ({
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
): { title: string; summary: string } {
  return (DESCRIBE[kind] as Describe<K>)(details);
}
