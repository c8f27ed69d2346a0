/** What each kind of alert is worth and what ends it (README.md, "Alerts", says the same to users). */
import type { AlertDetailsByKind, AlertKind, AlertSeverity } from '../../shared/alerts';

/**
 * - condition: a rule says what is true of the running meeting; the alert resolves when it no longer is.
 * - quiet: something happened and nothing says when it is over; resolves after the quiet period without a repeat.
 * - acknowledged: a leaked meeting link stays a risk until someone has acted on it, so the alert waits
 *   for an acknowledgement and then resolves with its meeting's end.
 * Every alert resolves when its meeting ends or goes stale (at-risk ones once acknowledged).
 */
export type AlertEnd = 'condition' | 'quiet' | 'acknowledged';

export const ALERT_KINDS: Record<AlertKind, { severity: AlertSeverity; end: AlertEnd }> = {
  at_risk_meeting: { severity: 'critical', end: 'acknowledged' },
  quality_issue: { severity: 'warning', end: 'quiet' },
  join_storm: { severity: 'warning', end: 'quiet' },
  mass_exodus: { severity: 'warning', end: 'quiet' },
  waiting_room_backlog: { severity: 'warning', end: 'condition' },
  unexpected_share: { severity: 'warning', end: 'condition' },
  host_absent: { severity: 'warning', end: 'condition' },
  over_time: { severity: 'info', end: 'condition' },
  unstable_participant: { severity: 'info', end: 'quiet' },
  recording_started: { severity: 'info', end: 'condition' },
  live_streaming_started: { severity: 'info', end: 'condition' },
  converted_to_webinar: { severity: 'info', end: 'quiet' },
};

/** What a rule found: the alert it raises, or keeps open. */
export type Finding = {
  [K in AlertKind]: { kind: K; subject: string; details: AlertDetailsByKind[K] };
}[AlertKind];

/** The one subject of alerts about the meeting as a whole. */
export const MEETING_SUBJECT = 'meeting';
