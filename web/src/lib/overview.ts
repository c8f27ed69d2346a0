/** The live overview's filters and sort orders, as pure functions of the summaries and alert tallies. */
import type { AlertSeverity, AlertView } from '../../../shared/alerts';
import { foldForSearch } from '../../../shared/search';
import type { MeetingKind, MeetingSummary } from '../../../shared/state';

/** Unresolved alerts of one meeting: open ones by severity, and how many are acknowledged. */
export interface AlertTally extends Record<AlertSeverity, number> {
  acknowledged: number;
}

export const NO_ALERTS: AlertTally = Object.freeze({ critical: 0, warning: 0, info: 0, acknowledged: 0 });

export function tallyAlerts(alerts: Iterable<AlertView>): Map<string, AlertTally> {
  const tallies = new Map<string, AlertTally>();
  for (const alert of alerts) {
    if (alert.status === 'resolved') continue;
    let tally = tallies.get(alert.meetingUuid);
    if (!tally) tallies.set(alert.meetingUuid, (tally = { ...NO_ALERTS }));
    if (alert.status === 'acknowledged') tally.acknowledged++;
    else tally[alert.severity]++;
  }
  return tallies;
}

export const openAlerts = (t: AlertTally) => t.critical + t.warning + t.info;

export type SortKey = 'participants' | 'alerts' | 'running';

export const SORT_KEYS: readonly { id: SortKey; label: string }[] = [
  { id: 'participants', label: 'Most participants' },
  { id: 'alerts', label: 'Most alerts' },
  { id: 'running', label: 'Longest running' },
];

export interface OverviewFilter {
  /** topic, meeting id or host name */
  text: string;
  hasAlerts: boolean;
  hasWaiting: boolean;
  kind: MeetingKind | 'all';
}

export const NO_FILTER: OverviewFilter = { text: '', hasAlerts: false, hasWaiting: false, kind: 'all' };

/** People in the meeting (main room and breakout rooms; the waiting room is not in yet). */
export const present = (m: MeetingSummary) => m.counts.main + m.counts.breakout;

export function matchesFilter(m: MeetingSummary, filter: OverviewFilter, tally: AlertTally): boolean {
  if (filter.kind !== 'all' && m.kind !== filter.kind) return false;
  if (filter.hasWaiting && m.counts.waiting === 0) return false;
  if (filter.hasAlerts && openAlerts(tally) + tally.acknowledged === 0) return false;
  const text = foldForSearch(filter.text.trim());
  if (text === '') return true;
  const digits = text.replace(/\s+/g, '');
  return (
    foldForSearch(m.topic).includes(text) ||
    (/^\d+$/.test(digits) && m.id.includes(digits)) ||
    (m.hostName !== null && foldForSearch(m.hostName).includes(text))
  );
}

const startOf = (m: MeetingSummary) => (m.startedAt === null ? Number.POSITIVE_INFINITY : Date.parse(m.startedAt));

/** Compares by severity first: one critical alert outweighs any number of warnings. */
function compareAlerts(a: AlertTally, b: AlertTally): number {
  return b.critical - a.critical || b.warning - a.warning || b.info - a.info || b.acknowledged - a.acknowledged;
}

/** A new array in the order asked; ties go by topic then uuid, so rows only move when their order changes. */
export function sortMeetings(
  meetings: readonly MeetingSummary[],
  key: SortKey,
  tallies: ReadonlyMap<string, AlertTally>,
): MeetingSummary[] {
  const tally = (m: MeetingSummary) => tallies.get(m.uuid) ?? NO_ALERTS;
  const primary: (a: MeetingSummary, b: MeetingSummary) => number =
    key === 'participants'
      ? (a, b) => present(b) - present(a) || b.counts.waiting - a.counts.waiting
      : key === 'alerts'
        ? (a, b) => compareAlerts(tally(a), tally(b))
        : (a, b) => startOf(a) - startOf(b);
  return [...meetings].sort(
    (a, b) => primary(a, b) || a.topic.localeCompare(b.topic) || (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0),
  );
}
