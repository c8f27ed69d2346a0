/** History of a meeting as the API serves it: counts over time and the meeting report. */
import type { AlertView } from './alerts';
import type { MeetingSummary } from './state';

/** [ms since epoch, main, breakout, waiting]: the counts from that moment until the next point */
export type CountPoint = [at: number, main: number, breakout: number, waiting: number];

/** GET /api/meetings/:uuid/counts: the meeting's whole life, one point per change */
export interface CountsAnswer {
  points: CountPoint[];
}

/** GET /api/counts?since=: each running meeting's points since then (the first one says the count at `since`) */
export interface OverviewCountsAnswer {
  since: number;
  meetings: Record<string, CountPoint[]>;
}

export interface ReportRoom {
  /** null: people Zoom moved to a breakout room without saying which */
  uuid: string | null;
  label: string;
  /** everyone who was in the room, longest first */
  people: { name: string; minutes: number }[];
}

export interface ReportShare {
  name: string;
  content: string;
  /** the breakout room's label; null in the main room */
  room: string | null;
  startedAt: string;
  /** null while it goes on (or when its end was never reported) */
  endedAt: string | null;
}

export interface ReportAttendee {
  name: string;
  email: string | null;
  role: string;
  firstJoin: string | null;
  lastLeave: string | null;
  minutesInMeeting: number;
  minutesInBreakoutRooms: number;
  minutesWaiting: number;
  connections: number;
}

/** GET /api/meetings/:uuid/report: what happened in a meeting, ended or running (times ISO 8601) */
export interface MeetingReport {
  meeting: MeetingSummary;
  /** from its start (else its first event) to its end, or to now while it runs */
  durationMinutes: number;
  /** the most people in the meeting (main room and breakout rooms) at once, and when first */
  peak: { count: number; at: string } | null;
  points: CountPoint[];
  rooms: ReportRoom[];
  /** each stay in the waiting room (or waiting for the host) counts once */
  waiting: { people: number; stays: number; medianMinutes: number | null; longestMinutes: number | null };
  shares: ReportShare[];
  recording: { state: 'on' | 'paused'; startedAt: string; endedAt: string | null }[];
  alerts: AlertView[];
  attendance: ReportAttendee[];
}
