import { errorOf } from '../support/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../support/fake-clock';
import { MeetingScript } from '../support/meeting-script';
import { startTestServer, type TestServer } from '../support/server';

const UUID = '/Wq8+vB3xT0mK2LcZ9yR4g==';
let server: TestServer;
const script = new MeetingScript({ uuid: UUID, topic: 'Board sync', id: 85746065432 });

beforeAll(async () => {
  server = await startTestServer({ clock: new FakeClock(script.at(4_000)) });
  const ana = script.person('Ana Lima', { email: 'ana.lima@example.com' });
  const kim = script.person('김민준 🎧');
  script.started(0);
  script.join(ana, 60);
  script.enterWaitingRoom(kim, 30);
  script.admit(kim, 90);
  script.leave(ana, 660);
  script.ended(1200);
  for (const body of script.events) expect((await server.post(body)).status).toBe(200);
});
afterAll(() => server.close());

describe('GET /api/meetings/:uuid/attendance.csv', () => {
  it('downloads the attendance of a meeting as CSV, names in any script intact', async () => {
    const response = await server.api(`/api/meetings/${encodeURIComponent(encodeURIComponent(UUID))}/attendance.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="attendance-85746065432-2026-11-24.csv"',
    );
    const lines = (await response.text()).replace('\uFEFF', '').trim().split('\r\n');
    expect(lines).toEqual([
      'name,email,role,first_join,last_leave,minutes_in_meeting,minutes_in_breakout_rooms,minutes_waiting,connections',
      'Ana Lima,ana.lima@example.com,attendee,2026-11-24T09:01:00.000Z,2026-11-24T09:11:00.000Z,10,0,0,1',
      '김민준 🎧,,attendee,2026-11-24T09:01:30.000Z,2026-11-24T09:20:00.000Z,18.5,0,1,1',
    ]);
  });

  it('answers 404 for a meeting nobody saw, and for one of an account the user may not see', async () => {
    expect((await server.api(`/api/meetings/${encodeURIComponent('nope==')}/attendance.csv`)).status).toBe(404);
    await server.application.auth.users.add('apac', 'apac-correct-horse', ['ApacAccount00000000001']);
    const cookie = await server.login('apac', 'apac-correct-horse');
    const response = await fetch(`${server.url}/api/meetings/${encodeURIComponent(UUID)}/attendance.csv`, {
      headers: { cookie },
    });
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('meeting_not_found');
  });
});
