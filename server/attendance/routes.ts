/** GET /api/meetings/:uuid/attendance.csv: the attendance of a meeting instance, for a spreadsheet. */
import { isoOrNull } from '../../shared/time';
import { Hono } from 'hono';
import type { AuthEnv } from '../auth/auth';
import type { Clock } from '../clock';
import { attendance, minutesOf, type AttendanceRow } from '../state/attendance';
import type { History } from '../history/history';
import type { LiveState } from '../state/live-state';
import { meetingUuidParam } from '../http/params';
import { visibleMeeting } from '../meetings/visible';

const HEADER = [
  'name',
  'email',
  'role',
  'first_join',
  'last_leave',
  'minutes_in_meeting',
  'minutes_in_breakout_rooms',
  'minutes_waiting',
  'connections',
];

/**
 * One CSV field: quoted when needed, and never a formula a spreadsheet would run (=, +, -, @).
 * Spreadsheets of locales that split on ';' (or a tab, when pasted) would start a new cell, and so
 * a formula, at one: a field holding either is quoted too.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",;\t\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function attendanceCsv(rows: readonly AttendanceRow[]): string {
  const lines = rows.map((r) =>
    [
      r.name,
      r.email,
      r.role,
      isoOrNull(r.firstJoin),
      isoOrNull(r.lastLeave),
      minutesOf(r.inMeetingMs),
      minutesOf(r.inBreakoutMs),
      minutesOf(r.waitingMs),
      r.connections,
    ]
      .map(csvField)
      .join(','),
  );
  // the byte order mark makes spreadsheet programs read the names as UTF-8
  return `\uFEFF${[HEADER.join(','), ...lines].join('\r\n')}\r\n`;
}

export function attendanceRoutes(deps: { history: History; live: LiveState; clock: Clock }): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.get('/:uuid/attendance.csv', (c) => {
    const uuid = meetingUuidParam(c.req.param('uuid'));
    const meeting = visibleMeeting(deps.live, c.get('principal'), uuid);
    const rows = attendance(deps.history.loggedEvents(uuid), deps.clock.now());
    const id = (meeting.info.id?.value ?? 'meeting').replace(/[^\w-]/g, '');
    const day = new Date(meeting.started?.ts ?? meeting.firstEventTs).toISOString().slice(0, 10);
    return c.body(attendanceCsv(rows), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="attendance-${id}-${day}.csv"`,
    });
  });
  return app;
}
