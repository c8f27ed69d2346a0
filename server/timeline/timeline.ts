/**
 * Timelines: the event log and the alerts' transitions, merged newest first, each entry worded by
 * shared/timeline. Ordered by when things happened (event_ts), not by arrival, because Zoom
 * delivers out of order and the timeline explains how a room got into its current state.
 */
import { iso } from '../../shared/time';
import { ALERT_KIND_NAMES } from '../../shared/alert-settings';
import { utcTime } from '../../shared/alert-words';
import type { AlertTransitionView } from '../../shared/alerts';
import type { TimelineCategory } from '../../shared/timeline/categories';
import { noContext, type SentenceContext } from '../../shared/timeline/context';
import { isOwnEventName, ownEventNames } from '../../shared/repair/events';
import { describeEvent, eventCategory, eventNamesInCategory, eventSeverity } from '../../shared/timeline/describe';
import type { TimelineEntry, TimelinePage } from '../../shared/timeline/entry';
import { zoomEventNames } from '../../shared/zoom/events.generated';
import { queryAlertTransitions } from '../alerts/store';
import type { Db } from '../db/open';
import type { EventLog, TimelineFilter } from '../events/event-log';
import type { LiveState } from '../state/live-state';
import { roomLabels } from '../state/views';

/** Position in the newest-first order (time, then Zoom events before alert steps, then id). */
export interface Cursor {
  at: number;
  rank: 0 | 1;
  id: number;
}

export interface TimelineQuery {
  meetingUuid?: string;
  accountIds: readonly string[] | null;
  /** categories and/or exact event names; undefined: everything */
  types?: { categories: ReadonlySet<TimelineCategory>; names: ReadonlySet<string> };
  since?: number;
  cursor?: Cursor;
  limit: number;
}

const ZOOM = 1;
const ALERT = 0;

/** The event names a timeline of these types shows, as the event log's filter takes them. */
function typeNames(types: NonNullable<TimelineQuery['types']>): NonNullable<TimelineFilter['names']> {
  const names = new Set(types.names);
  for (const category of types.categories) for (const name of eventNamesInCategory(category)) names.add(name);
  // "other" also holds event types Zoom added after our spec
  const orNoneOf = types.categories.has('other')
    ? [...zoomEventNames, ...ownEventNames].filter((n) => eventCategory(n) !== 'other')
    : undefined;
  return { anyOf: [...names], orNoneOf };
}

function eventEntries(
  log: EventLog,
  query: TimelineQuery,
): { entry: Omit<TimelineEntry, 'sentence' | 'meetingTopic'>; raw: string; rank: Cursor }[] {
  if (query.accountIds !== null && query.accountIds.length === 0) return [];
  if (query.types && query.types.categories.size === 0 && query.types.names.size === 0) return [];
  const c = query.cursor;
  const rows = log.newestFirst({
    meetingUuid: query.meetingUuid,
    accountIds: query.accountIds,
    names: query.types && typeNames(query.types),
    since: query.since,
    before: c && (c.rank === ZOOM ? { ts: c.at, seq: c.id } : { ts: c.at }),
    limit: query.limit,
  });
  return rows.map((row) => {
    const at = row.eventTs ?? 0;
    return {
      entry: {
        id: `e${row.seq}`,
        source: isOwnEventName(row.event) ? ('repair' as const) : ('zoom' as const),
        type: row.event,
        category: eventCategory(row.event),
        severity: eventSeverity(row.event),
        at: iso(at),
        meetingUuid: row.meetingUuid,
      },
      raw: row.raw,
      rank: { at, rank: ZOOM, id: row.seq },
    };
  });
}

const TRANSITION_WORDS = {
  opened: 'Alert',
  acknowledged: 'Alert acknowledged',
  snoozed: 'Alerts snoozed',
  resolved: 'Alert resolved',
} as const;

function alertSentence(t: AlertTransitionView): string {
  const by = t.by ?? 'someone';
  if (t.transition === 'acknowledged') {
    const note = t.note ? ` (“${t.note}”)` : '';
    return `${TRANSITION_WORDS.acknowledged} by ${by}: ${t.title}${note}`;
  }
  if (t.transition === 'snoozed') {
    const until = t.until === null ? 'the meeting ends' : utcTime(t.until);
    return `${TRANSITION_WORDS.snoozed} by ${by} until ${until}: ${ALERT_KIND_NAMES[t.kind]}`;
  }
  if (t.transition === 'resolved') return `${TRANSITION_WORDS.resolved}: ${t.title}`;
  return `${TRANSITION_WORDS.opened}: ${t.title}`;
}

function alertEntries(db: Db, query: TimelineQuery): { entry: TimelineEntry; rank: Cursor }[] {
  if (query.types && !query.types.categories.has('alerts')) return [];
  const c = query.cursor;
  const before = c ? { at: c.at, id: c.rank === ZOOM ? Number.MAX_SAFE_INTEGER : c.id } : undefined;
  // repeats only count on the alert; the timeline shows how an alert began and ended
  const transitions = queryAlertTransitions(db, {
    meetingUuid: query.meetingUuid,
    accountIds: query.accountIds,
    transitions: ['opened', 'acknowledged', 'snoozed', 'resolved'],
    since: query.since,
    before,
    order: 'newest first',
    limit: query.limit,
  });
  return transitions.map((t) => ({
    entry: {
      id: `a${t.id}`,
      source: 'alert',
      type: `alert.${t.transition}`,
      category: 'alerts',
      severity: t.transition === 'opened' ? t.severity : 'info',
      at: t.at,
      meetingUuid: t.meetingUuid,
      meetingTopic: t.meetingTopic,
      sentence: alertSentence(t),
    },
    rank: { at: Date.parse(t.at), rank: ALERT, id: t.id },
  }));
}

const newestFirst = (a: Cursor, b: Cursor) => b.at - a.at || b.rank - a.rank || b.id - a.id;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.rank, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3 || !value.every((n) => Number.isSafeInteger(n))) return null;
    const [at, rank, id] = value as number[];
    return rank === ZOOM || rank === ALERT ? { at: at!, rank, id: id! } : null;
  } catch {
    return null;
  }
}

export class Timeline {
  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    private readonly live: LiveState,
  ) {}

  page(query: TimelineQuery): TimelinePage {
    const contexts = new Map<string, { ctx: SentenceContext; topic: string | null }>();
    const contextOf = (uuid: string | null) => {
      if (uuid === null) return { ctx: noContext, topic: null };
      let known = contexts.get(uuid);
      if (!known) {
        const meeting = this.live.meetingRecord(uuid);
        const labels = meeting ? roomLabels(meeting) : new Map<string, string>();
        const topic = meeting?.info.topic?.value ?? null;
        known = { ctx: { roomLabel: (room) => labels.get(room) ?? null, meetingTopic: topic }, topic };
        contexts.set(uuid, known);
      }
      return known;
    };
    const zoom = eventEntries(this.log, query).map(({ entry, raw, rank }) => {
      const { ctx, topic } = contextOf(entry.meetingUuid);
      let body: unknown = null;
      try {
        body = JSON.parse(raw);
      } catch {
        // only validated JSON is logged; a corrupt row still gets a line rather than an error
      }
      return { entry: { ...entry, meetingTopic: topic, sentence: describeEvent(body, ctx) }, rank };
    });
    const merged = [...zoom, ...alertEntries(this.db, query)].sort((a, b) => newestFirst(a.rank, b.rank));
    const page = merged.slice(0, query.limit);
    const full = page.length === query.limit;
    return { entries: page.map((x) => x.entry), nextCursor: full ? encodeCursor(page.at(-1)!.rank) : null };
  }

  /** whether the meeting exists for someone who may see these accounts */
  knows(meetingUuid: string, accountIds: readonly string[] | null): boolean {
    const meeting = this.live.meetingRecord(meetingUuid);
    return meeting !== undefined && (accountIds === null || accountIds.includes(meeting.accountId));
  }
}
