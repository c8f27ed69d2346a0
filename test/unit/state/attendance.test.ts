import { describe, expect, it } from 'vitest';
import { attendanceCsv, csvField } from '../../../server/attendance/routes';
import { attendance, type AttendanceRow } from '../../../server/state/attendance';
import { reducerEventOf } from '../../../server/state/replay';
import { MeetingScript } from '../../support/meeting-script';
import { rng } from '../../support/realistic-events';

const ROOM = 'Kx2/bQ7sR5ycnpK0+Vh1Tg==';
const MIN = 60_000;
const at = (script: MeetingScript, t: number) => script.at(t) - 2_000;

function story(end: boolean) {
  const script = new MeetingScript({ uuid: 'tubFEWg9SAaVamwu6V0+kw==' });
  const olu = script.person('Olu Adeyemi', { host: true, signedIn: true });
  const ana = script.person('Ana Lima', { email: 'ana.lima@example.com', signedIn: true });
  const ken = script.person('Ken Watanabe');
  const lee = script.person('이서연');
  script.started(0);
  script.join(olu, 0);
  script.enterWaitingRoom(ken, 0);
  script.join(ana, 60);
  script.enterWaitingRoom(lee, 100);
  script.admit(ken, 180);
  script.leaveWaitingRoom(lee, 400);
  script.moveToBreakout(ana, ROOM, 600);
  script.leave(ken, 600, 'Ken Watanabe got disconnected from the meeting. Reason : Client Close.');
  // Ken comes back: a new connection (participant_uuid) of the same person
  const kenAgain = script.person('Ken Watanabe');
  script.join(kenAgain, 660);
  script.returnToMain(ana, ROOM, 900);
  script.leave(kenAgain, 1200);
  script.leave(ana, 1500);
  if (end) script.ended(1800);
  return { script, events: script.events.map((b) => reducerEventOf(JSON.stringify(b))!).filter(Boolean) };
}

const byName = (rows: AttendanceRow[]) => Object.fromEntries(rows.map((r) => [r.name, r]));

describe('attendance', () => {
  it('tells each person first join, last leave and minutes in the meeting, in breakout rooms and waiting', () => {
    const { script, events } = story(true);
    const rows = attendance(events, at(script, 99_999));
    expect(rows.map((r) => r.name)).toEqual(['Olu Adeyemi', 'Ana Lima', 'Ken Watanabe', '이서연']);
    const people = byName(rows);
    expect(people['Olu Adeyemi']).toEqual({
      name: 'Olu Adeyemi',
      email: null,
      role: 'host',
      firstJoin: at(script, 0),
      lastLeave: at(script, 1800),
      inMeetingMs: 30 * MIN,
      inBreakoutMs: 0,
      waitingMs: 0,
      connections: 1,
    });
    expect(people['Ana Lima']).toMatchObject({
      email: 'ana.lima@example.com',
      firstJoin: at(script, 60),
      lastLeave: at(script, 1500),
      inMeetingMs: 24 * MIN,
      inBreakoutMs: 5 * MIN,
      waitingMs: 0,
      connections: 1,
    });
    // two connections merged by name (a guest has neither account id nor email)
    expect(people['Ken Watanabe']).toMatchObject({
      firstJoin: at(script, 180),
      lastLeave: at(script, 1200),
      inMeetingMs: 16 * MIN,
      waitingMs: 3 * MIN,
      connections: 2,
    });
    expect(people['이서연']).toMatchObject({
      firstJoin: null,
      lastLeave: at(script, 400),
      inMeetingMs: 0,
      waitingMs: 5 * MIN,
    });
  });

  it('is the same whatever order the events were delivered in', () => {
    const { script, events } = story(true);
    const random = rng(9);
    const shuffled = [...events].sort(() => random() - 0.5);
    expect(attendance(shuffled, at(script, 99_999))).toEqual(attendance(events, at(script, 99_999)));
  });

  it('counts the people still inside a running meeting up to now, without a last leave', () => {
    const { script, events } = story(false);
    const olu = byName(attendance(events, at(script, 2_000)))['Olu Adeyemi']!;
    expect(olu).toMatchObject({ lastLeave: null, inMeetingMs: 2_000 * 1000 });
  });

  it('writes CSV a spreadsheet reads: UTF-8 with BOM, quoted fields, no formulas', () => {
    const { script, events } = story(true);
    const csv = attendanceCsv(attendance(events, at(script, 99_999)));
    expect(
      csv.startsWith(
        '\uFEFFname,email,role,first_join,last_leave,minutes_in_meeting,minutes_in_breakout_rooms,minutes_waiting,connections\r\n',
      ),
    ).toBe(true);
    expect(csv).toContain(
      '\r\nAna Lima,ana.lima@example.com,attendee,2026-11-24T09:01:00.000Z,2026-11-24T09:25:00.000Z,24,5,0,1\r\n',
    );
    expect(csv).toContain('\r\n이서연,,attendee,,2026-11-24T09:06:40.000Z,0,0,5,1\r\n');
    expect(csvField('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvField('Lima, Ana')).toBe('"Lima, Ana"');
    expect(csvField('-12')).toBe("'-12");
    expect(csvField(12.5)).toBe('12.5');
  });

  it('quotes fields with a semicolon or a tab, where spreadsheets of some locales start a new cell', () => {
    expect(csvField('Ana;=HYPERLINK("http://evil")')).toBe(`"Ana;=HYPERLINK(""http://evil"")"`);
    expect(csvField('Ana\t=1+1')).toBe('"Ana\t=1+1"');
    // the formula prefix is still defused inside the quotes
    expect(csvField('=1;2')).toBe(`"'=1;2"`);
    expect(csvField('\t;x')).toBe(`"'\t;x"`);
  });
});
