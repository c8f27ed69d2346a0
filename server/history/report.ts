/**
 * The meeting report: what happened in one meeting, from its logged events replayed in the order
 * things happened (the same replay as the attendance), its counts over time and its alerts.
 */
import { iso, isoOrNull } from '../../shared/time';
import type { AlertView } from '../../shared/alerts';
import type { CountPoint, MeetingReport, ReportRoom, ReportShare } from '../../shared/history';
import type { MeetingSummary } from '../../shared/state';
import { attendance, minutesOf, nameOf, presence, unionLength, type ClosedInterval } from '../state/attendance';
import type { ReducerEvent } from '../state/normalize';
import type { MeetingRecord } from '../state/records';
import { roomLabels } from '../state/views';

export interface ReportInput {
  meeting: MeetingRecord;
  summary: MeetingSummary;
  events: readonly ReducerEvent[];
  points: CountPoint[];
  alerts: AlertView[];
  now: number;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function peakOf(points: readonly CountPoint[]): MeetingReport['peak'] {
  let peak: MeetingReport['peak'] = null;
  for (const [at, main, breakout] of points) {
    if (!peak || main + breakout > peak.count) peak = { count: main + breakout, at: iso(at) };
  }
  return peak;
}

/** Share starts and ends paired per connection and room, in the order they happened. */
function sharesOf(events: readonly ReducerEvent[], labels: ReadonlyMap<string, string>): ReportShare[] {
  const open = new Map<string, ReportShare>();
  const shares: ReportShare[] = [];
  const ordered = events
    .flatMap((event) =>
      event.effect.type === 'share' ? [{ effect: event.effect, at: event.effect.time ?? event.ts }] : [],
    )
    .sort((a, b) => a.at - b.at);
  for (const { effect, at } of ordered) {
    const key = `${effect.person.userId ?? effect.person.name ?? ''}|${effect.roomUuid ?? ''}`;
    const current = open.get(key);
    if (effect.started && !current) {
      const share: ReportShare = {
        name: effect.person.name ?? 'Unknown participant',
        content: effect.content,
        room: effect.roomUuid === null ? null : (labels.get(effect.roomUuid) ?? 'Breakout room'),
        startedAt: iso(at),
        endedAt: null,
      };
      open.set(key, share);
      shares.push(share);
    } else if (!effect.started && current) {
      current.endedAt = iso(at);
      open.delete(key);
    }
  }
  return shares;
}

function recordingOf(events: readonly ReducerEvent[]): MeetingReport['recording'] {
  const spans: MeetingReport['recording'] = [];
  const changes = events
    .flatMap((event) => (event.effect.type === 'recording' ? [{ state: event.effect.state, at: event.ts }] : []))
    .sort((a, b) => a.at - b.at);
  for (const { state, at } of changes) {
    const last = spans.at(-1);
    if (last && last.endedAt === null) {
      if (last.state === state) continue;
      last.endedAt = iso(at);
    }
    if (state !== 'off') spans.push({ state, startedAt: iso(at), endedAt: null });
  }
  return spans;
}

export function meetingReport({ meeting, summary, events, points, alerts, now }: ReportInput): MeetingReport {
  const people = presence(events, now);
  const labels = roomLabels(meeting);

  const rooms = new Map<string | null, ReportRoom>();
  for (const person of people) {
    const byRoom = new Map<string | null, ClosedInterval[]>();
    for (const interval of person.intervals) {
      // a move Zoom reports in several events passes through an unnamed room for no time at all
      if (interval.location === 'breakout' && interval.to > interval.from)
        byRoom.set(interval.roomUuid, [...(byRoom.get(interval.roomUuid) ?? []), interval]);
    }
    for (const [uuid, intervals] of byRoom) {
      const room = rooms.get(uuid) ?? {
        uuid,
        label: uuid === null ? 'Unnamed breakout room' : (labels.get(uuid) ?? 'Breakout room'),
        people: [],
      };
      room.people.push({ name: nameOf(person.latest), minutes: minutesOf(unionLength(intervals)) });
      rooms.set(uuid, room);
    }
  }
  for (const room of rooms.values()) room.people.sort((a, b) => b.minutes - a.minutes || a.name.localeCompare(b.name));

  const waits = people.flatMap((p) =>
    p.intervals.filter((i) => i.location === 'waiting' || i.location === 'jbh_waiting').map((i) => i.to - i.from),
  );
  const waited = people.filter((p) =>
    p.intervals.some((i) => i.location === 'waiting' || i.location === 'jbh_waiting'),
  );

  const start = meeting.started?.ts ?? meeting.firstEventTs;
  const end = meeting.ended?.ts ?? now;
  return {
    meeting: summary,
    durationMinutes: minutesOf(Math.max(0, end - start)),
    peak: peakOf(points),
    points,
    rooms: [...rooms.values()].sort((a, b) =>
      a.uuid === null ? 1 : b.uuid === null ? -1 : a.label.localeCompare(b.label, 'en', { numeric: true }),
    ),
    waiting: {
      people: waited.length,
      stays: waits.length,
      medianMinutes: waits.length === 0 ? null : minutesOf(median(waits)!),
      longestMinutes: waits.length === 0 ? null : minutesOf(Math.max(...waits)),
    },
    shares: sharesOf(events, labels),
    recording: recordingOf(events),
    alerts,
    attendance: attendance(events, now).map((row) => ({
      name: row.name,
      email: row.email,
      role: row.role,
      firstJoin: isoOrNull(row.firstJoin),
      lastLeave: isoOrNull(row.lastLeave),
      minutesInMeeting: minutesOf(row.inMeetingMs),
      minutesInBreakoutRooms: minutesOf(row.inBreakoutMs),
      minutesWaiting: minutesOf(row.waitingMs),
      connections: row.connections,
    })),
  };
}
