/**
 * What pops up for one user, kept on the server (`GET/PUT /api/alert-settings`) so that it follows
 * them from browser to browser. Critical alerts always pop up; the rest by the user's choice.
 */
import { z } from 'zod';
import { ALERT_KIND_LIST, type AlertKind, type AlertSeverity } from './alerts';

/** Each kind in a few words, for choosing which pop up (and for snoozing). */
export const ALERT_KIND_NAMES: Record<AlertKind, string> = {
  at_risk_meeting: 'Meeting link posted publicly',
  quality_issue: 'Quality issues reported by Zoom',
  join_storm: 'Join storms',
  mass_exodus: 'Many people leaving at once',
  waiting_room_backlog: 'Waiting room backlog',
  unexpected_share: 'Unexpected screen shares',
  host_absent: 'Meeting without host',
  over_time: 'Meetings running over time',
  unstable_participant: 'Participants rejoining often',
  recording_started: 'Recording',
  live_streaming_started: 'Live streaming',
  converted_to_webinar: 'Converted to webinar',
};

/** the severities a user may choose to see pop up (critical ones always do) */
export const OPTIONAL_POPUP_SEVERITIES = ['warning', 'info'] as const satisfies readonly AlertSeverity[];

export const alertSettingsSchema = z
  .object({
    /** warnings and infos that pop up */
    popupSeverities: z.array(z.enum(OPTIONAL_POPUP_SEVERITIES)).max(2),
    /** kinds that never pop up (critical alerts still do) */
    mutedKinds: z.array(z.enum(ALERT_KIND_LIST)).max(ALERT_KIND_LIST.length),
    /** a short tone when a critical alert pops up */
    sound: z.boolean(),
    /** the browser's desktop notifications for what pops up while the tab is hidden */
    desktop: z.boolean(),
  })
  .strict();

export type AlertSettings = z.infer<typeof alertSettingsSchema>;

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  popupSeverities: ['warning'],
  mutedKinds: [],
  sound: false,
  desktop: false,
};

/** Whether an alert pops up for a user with these settings. */
export function popsUp(settings: AlertSettings, alert: { severity: AlertSeverity; kind: AlertKind }): boolean {
  if (alert.severity === 'critical') return true;
  return settings.popupSeverities.includes(alert.severity) && !settings.mutedKinds.includes(alert.kind);
}
