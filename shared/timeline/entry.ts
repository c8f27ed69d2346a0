import type { Severity, TimelineCategory } from './categories';

/** One line of a timeline: a Zoom event from the log, a repair Roomwatch made from Zoom's API, or a step of an alert's life. */
export interface TimelineEntry {
  /** `e<event log seq>` or `a<alert transition id>` */
  id: string;
  source: 'zoom' | 'repair' | 'alert';
  /** the Zoom event name, a repair's `roomwatch.repair.*`, or `alert.opened` / `alert.acknowledged` / `alert.resolved` */
  type: string;
  category: TimelineCategory;
  severity: Severity;
  /** when it happened (Zoom's event_ts, or when the alert changed), ISO 8601 */
  at: string;
  meetingUuid: string | null;
  meetingTopic: string | null;
  sentence: string;
}

/** A page of a timeline, newest first; pass `nextCursor` back as `cursor` for the next page. */
export interface TimelinePage {
  entries: TimelineEntry[];
  nextCursor: string | null;
}
