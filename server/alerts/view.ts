/** Projection of stored alerts onto the shared shapes of shared/alerts.ts. */
import { iso, isoOrNull } from '../../shared/time';
import type { AlertTransitionView, AlertView } from '../../shared/alerts';
import { describeAlert } from '../../shared/alert-words';
import type { AlertRow, Snooze, TransitionRow } from './store';

export function alertView(row: AlertRow, snooze: Snooze | undefined): AlertView {
  const { kind, details } = row;
  return {
    id: row.id,
    meetingUuid: row.meetingUuid,
    meetingTopic: row.meetingTopic,
    accountId: row.accountId,
    kind,
    severity: row.severity,
    subject: row.subject,
    ...describeAlert(kind, details),
    details,
    status: row.status,
    firstSeenAt: iso(row.firstSeenAt),
    lastSeenAt: iso(row.lastSeenAt),
    count: row.count,
    flapping: row.flapping,
    acknowledgedBy: row.acknowledgedBy,
    acknowledgedAt: isoOrNull(row.acknowledgedAt),
    acknowledgedNote: row.acknowledgedNote,
    snooze: snooze ? { by: snooze.by, at: iso(snooze.at), until: isoOrNull(snooze.until) } : null,
    resolvedAt: isoOrNull(row.resolvedAt),
    resolvedReason: row.resolvedReason,
  } as AlertView;
}

export function alertTransitionView(transition: TransitionRow, alert: AlertRow): AlertTransitionView {
  const { kind } = alert;
  return {
    id: transition.id,
    alertId: alert.id,
    meetingUuid: transition.meetingUuid,
    meetingTopic: alert.meetingTopic,
    kind,
    severity: alert.severity,
    title: describeAlert(kind, alert.details).title,
    transition: transition.transition,
    at: iso(transition.at),
    by: transition.by,
    note: transition.note,
    until: isoOrNull(transition.until),
  };
}
