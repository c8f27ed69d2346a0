import { answerOf } from '../../support/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_CONFIG } from '../../../server/alerts/config';
import { AT_ONCE } from '../../support/alert-harness';
import { MeetingScript } from '../../support/meeting-script';
import { startTestServer, type TestServer } from '../../support/server';

const UUID = 'cmVwb3J0/TWVldGluZw+==';
const ROOM = 'Rm1aQx7sR5ycnpK0+Vh1Tg==';
// half an hour ago, so that the meeting is not stale and its alert resolves when it ends
const START = Math.floor((Date.now() - 30 * 60_000) / 1000) * 1000;
const script = new MeetingScript({ uuid: UUID, topic: 'Incident review', start: START });
const host = script.person('Ana Lima', { email: 'ana.lima@example.com', host: true });
const priya = script.person('Priya Raman', { email: 'priya.raman@example.in', signedIn: true });
const ken = script.person('Ken Watanabe');
const zoe = script.person('Zoë Laurent');
const iso = (t: number) => new Date(START + t * 1000).toISOString();

let server: TestServer;
beforeAll(async () => {
  // the alerts clear as soon as their condition does, so that the report tells each way an alert ends
  server = await startTestServer({ alerts: { ...DEFAULT_ALERT_CONFIG, ...AT_ONCE } });
  for (const body of [
    script.started(0),
    script.join(host, 5),
    script.join(priya, 60),
    script.join(ken, 120),
    script.enterWaitingRoom(zoe, 130),
    script.admit(zoe, 190),
    script.moveToBreakout(priya, ROOM, 300),
    script.share(ken, true, 400),
    script.share(ken, false, 460),
    script.recording('started', 500),
    script.returnToMain(priya, ROOM, 600),
    script.alert(['Unstable audio quality'], 650),
    script.leave(ken, 700),
    script.recording('stopped', 800),
    script.ended(900),
  ].flat()) {
    expect((await server.post(body)).status).toBe(200);
  }
});
afterAll(() => server.close());

describe('the meeting report', () => {
  it('tells duration, peak, rooms, waiting, shares, recording, alerts and attendance', async () => {
    const response = await server.api(`/api/meetings/${encodeURIComponent(UUID)}/report`);
    expect(response.status).toBe(200);
    const report = await answerOf('GET /api/meetings/:uuid/report', response);
    expect(report.meeting).toMatchObject({ uuid: UUID, topic: 'Incident review', status: 'ended' });
    expect(report.durationMinutes).toBe(15);
    expect(report.peak?.count).toBe(4);
    // four once Zoë was admitted, never more
    expect(Date.parse(report.peak!.at)).toBeGreaterThanOrEqual(script.at(190));
    expect(Date.parse(report.peak!.at)).toBeLessThan(script.at(191));
    expect(report.points.at(-1)!.slice(1)).toEqual([0, 0, 0]);
    expect(report.rooms).toEqual([{ uuid: ROOM, label: 'Room 1', people: [{ name: 'Priya Raman', minutes: 5 }] }]);
    expect(report.waiting).toEqual({ people: 1, stays: 1, medianMinutes: 1, longestMinutes: 1 });
    expect(report.shares).toEqual([
      {
        name: 'Ken Watanabe',
        content: 'desktop',
        room: null,
        startedAt: expect.any(String),
        endedAt: expect.any(String),
      },
    ]);
    expect(Date.parse(report.shares[0]!.endedAt!) - Date.parse(report.shares[0]!.startedAt)).toBe(60_000);
    expect(report.recording).toEqual([{ state: 'on', startedAt: expect.any(String), endedAt: expect.any(String) }]);
    expect(report.alerts.map((a) => [a.kind, a.status, a.resolvedReason])).toEqual(
      expect.arrayContaining([
        ['quality_issue', 'resolved', 'meeting_ended'],
        ['unexpected_share', 'resolved', 'cleared'],
        ['recording_started', 'resolved', 'cleared'],
      ]),
    );
    expect(report.attendance.map((a) => [a.name, a.minutesInMeeting, a.minutesWaiting])).toEqual([
      ['Ana Lima', 14.9, 0],
      ['Priya Raman', 14, 0],
      ['Ken Watanabe', 9.7, 0],
      ['Zoë Laurent', 11.8, 1],
    ]);
    expect(report.attendance[0]).toMatchObject({ firstJoin: iso(5), lastLeave: iso(900), connections: 1 });
  });

  it('answers 404 for a meeting of an account the user may not see', async () => {
    await server.application.auth.users.add('other', 'other-correct-horse', ['SomeOtherAccount']);
    const cookie = await server.login('other', 'other-correct-horse');
    const response = await fetch(`${server.url}/api/meetings/${encodeURIComponent(UUID)}/report`, {
      headers: { cookie },
    });
    expect(response.status).toBe(404);
  });
});
