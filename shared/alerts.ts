/** Alerts as the API, the realtime channel and the dashboard see them (server/alerts/ makes them). */

export const ALERT_SEVERITIES = ['critical', 'warning', 'info'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** How long a resolved alert stays in the alerts channel (its snapshot, and clients' copies). */
export const RESOLVED_ALERTS_KEPT_MS = 3_600_000;

/** How severe, as a rank: critical 2, warning 1, info 0 (a channel's minimum severity compares ranks). */
export const severityRank = (severity: AlertSeverity): number => 2 - ALERT_SEVERITIES.indexOf(severity);

/** Orders the most severe first; callers break ties their own way. */
export const bySeverity = (a: { severity: AlertSeverity }, b: { severity: AlertSeverity }): number =>
  severityRank(b.severity) - severityRank(a.severity);

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/**
 * Why an alert was resolved: its condition cleared, it did not repeat for the quiet period
 * (alerts about something that happened, which Zoom never declares over), or its meeting ended
 * or went stale.
 */
export const ALERT_RESOLUTIONS = ['cleared', 'quiet', 'meeting_ended', 'meeting_stale'] as const;
export type AlertResolution = (typeof ALERT_RESOLUTIONS)[number];

/** The details each kind of alert carries (times are ISO 8601). */
export interface AlertDetailsByKind {
  /** meeting.alert / webinar.alert: one alert per issue Zoom reported (also issues Zoom adds later) */
  quality_issue: { issue: string };
  /** meeting.risk_alert: Zoom's at-risk meeting notifier (ARMN) found the meeting link posted publicly */
  at_risk_meeting: {
    postPlatform: string | null;
    socialLink: string | null;
    postTime: string | null;
    postUser: string | null;
    meetingUrl: string | null;
    hostEmail: string | null;
    /** Zoom's names, e.g. enableWaitingRoom, enablePassword */
    recommendedEnableSettings: string[];
    /** Zoom's names, e.g. enableScreenShare, enableAnnotation */
    recommendedDisableSettings: string[];
  };
  recording_started: { paused: boolean };
  live_streaming_started: { since: string };
  converted_to_webinar: { convertedAt: string };
  join_storm: { joins: number; windowSeconds: number };
  waiting_room_backlog: {
    waiting: number;
    longestWaitingName: string;
    longestWaitingSince: string;
  };
  unexpected_share: {
    participantKey: string;
    participantName: string;
    role: string;
    content: string;
    breakoutRoomUuid: string | null;
    startedAt: string;
  };
  mass_exodus: { left: number; before: number; windowSeconds: number };
  host_absent: { hostName: string; leftAt: string };
  over_time: { startedAt: string; scheduledMinutes: number; scheduledEnd: string };
  unstable_participant: { name: string; email: string | null; rejoins: number; windowMinutes: number };
}

export type AlertKind = keyof AlertDetailsByKind;

/** Every kind, for choosing among them (settings, snoozes). */
export const ALERT_KIND_LIST = [
  'at_risk_meeting',
  'quality_issue',
  'join_storm',
  'mass_exodus',
  'waiting_room_backlog',
  'unexpected_share',
  'host_absent',
  'over_time',
  'unstable_participant',
  'recording_started',
  'live_streaming_started',
  'converted_to_webinar',
] as const satisfies readonly AlertKind[];
// a kind added to AlertDetailsByKind but not to the list fails to compile here
const everyKindListed: Record<Exclude<AlertKind, (typeof ALERT_KIND_LIST)[number]>, never> = {};
void everyKindListed;

export interface AlertBase {
  id: number;
  meetingUuid: string;
  /** null while Roomwatch has not seen the meeting's topic */
  meetingTopic: string | null;
  accountId: string | null;
  severity: AlertSeverity;
  /** what the alert is about inside its meeting: one open alert per (meeting, kind, subject) */
  subject: string;
  title: string;
  summary: string;
  status: AlertStatus;
  firstSeenAt: string;
  /** the last repeat, or the last change of its details */
  lastSeenAt: string;
  /** how often it was raised while open or acknowledged (a condition that came back counts again) */
  count: number;
  /** its condition keeps going and coming back */
  flapping: boolean;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  /** what the person acknowledging wrote, if anything */
  acknowledgedNote: string | null;
  /** this kind of alert is silenced for this meeting (no pop-ups): by whom, since and until when */
  snooze: AlertSnooze | null;
  resolvedAt: string | null;
  resolvedReason: AlertResolution | null;
}

export type AlertView = {
  [K in AlertKind]: AlertBase & { kind: K; details: AlertDetailsByKind[K] };
}[AlertKind];

export interface AlertSnooze {
  by: string;
  at: string;
  /** null: until the meeting ends */
  until: string | null;
}

/** Whether a snooze still silences its kind at `now` (ms). */
export const snoozeHolds = (snooze: AlertSnooze | null, now: number): boolean =>
  snooze !== null && (snooze.until === null || Date.parse(snooze.until) > now);

/** A step of an alert's life, as kept for the meeting timeline. */
export const ALERT_TRANSITIONS = ['opened', 'repeated', 'acknowledged', 'snoozed', 'resolved'] as const;
export type AlertTransition = (typeof ALERT_TRANSITIONS)[number];

export interface AlertTransitionView {
  id: number;
  alertId: number;
  meetingUuid: string;
  meetingTopic: string | null;
  kind: AlertKind;
  severity: AlertSeverity;
  title: string;
  transition: AlertTransition;
  at: string;
  /** who acknowledged or snoozed; null for the transitions Roomwatch makes itself */
  by: string | null;
  /** an acknowledgement's note */
  note: string | null;
  /** a snooze's end; null for the end of the meeting (and for other transitions) */
  until: string | null;
}

/** What the alerts service announces: every transition, and changes of an open alert's details. */
export interface AlertChange {
  change: AlertTransition | 'updated';
  alert: AlertView;
}
