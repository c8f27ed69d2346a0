import { answerOf } from '../support/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_LIMIT, type SearchResult } from '../../shared/search';
import { FakeClock } from '../support/fake-clock';
import { MeetingScript } from '../support/meeting-script';
import { startTestServer, type TestServer } from '../support/server';

const PLANNING = 'tubFEWg9SAaVamwu6V0+kw==';
const STANDUP = '/kR9x+e2QnWb3dYt1LmZ0A==';
const ENDED = 'Qm8vZk3xR2eW0tYb5NcL1w==';
const ROOM = 'Kx2/bQ7sR5ycnpK0+Vh1Tg==';
const APAC = 'ApacAccount7Lm4pQ2sXw0';

let server: TestServer;
const planning = new MeetingScript({ uuid: PLANNING, topic: 'Quarterly planning 분기 계획' });
const standup = new MeetingScript({ uuid: STANDUP, topic: 'APAC stand-up', accountId: APAC, id: '91234567890' });
const ended = new MeetingScript({ uuid: ENDED, topic: 'Yesterday retro' });

beforeAll(async () => {
  server = await startTestServer({ clock: new FakeClock(planning.at(600)) });
  await server.application.auth.users.add('mina', 'mina-password-2026', [APAC]);
  const host = planning.person('Ana Lima', { email: 'ana.lima@example.com', host: true });
  const jose = planning.person('José Álvarez', { email: 'jose.alvarez@example.org', signedIn: true });
  const minjun = planning.person('김민준');
  const dialIn = planning.person('Caller 03', { phone: '+49 30 1234567' });
  const marie = planning.person('Marie Anand');
  const svetlana = planning.person('Svetlana Ivanova');
  planning.started(0);
  planning.join(host, 5);
  planning.join(jose, 10);
  planning.join(minjun, 12);
  planning.join(dialIn, 14);
  planning.join(marie, 16);
  planning.enterWaitingRoom(svetlana, 300);
  planning.moveToBreakout(jose, ROOM, 120);
  const kim = standup.person('Kim Minseo', { email: 'kim.minseo@example.kr' });
  standup.started(0);
  standup.enterWaitingRoom(kim, 30);
  const gone = ended.person('José Fernández');
  ended.started(0);
  ended.join(gone, 10);
  ended.ended(100);
  for (const body of [...planning.events, ...standup.events, ...ended.events]) {
    expect((await server.post(body)).status).toBe(200);
  }
});
afterAll(() => server.close());

async function search(q: string, cookie?: string): Promise<{ status: number; body: SearchResult }> {
  const path = `/api/search?q=${encodeURIComponent(q)}`;
  const response = cookie ? await fetch(`${server.url}${path}`, { headers: { cookie } }) : await server.api(path);
  return { status: response.status, body: await answerOf('GET /api/search', response) };
}

describe('GET /api/search', () => {
  it('says where a person is right now: meeting, breakout room label, location', async () => {
    const { status, body } = await search('jose');
    expect(status).toBe(200);
    // the ended meeting's José is gone, so only one
    expect(body.hits).toHaveLength(1);
    expect(body.hits[0]).toMatchObject({
      meetingUuid: PLANNING,
      meetingTopic: 'Quarterly planning 분기 계획',
      kind: 'meeting',
      status: 'live',
      roomLabel: 'Room 1',
      participant: { name: 'José Álvarez', location: 'breakout', breakoutRoomUuid: ROOM },
    });
    expect(body.truncated).toBe(false);
  });

  it('matches by email, by a word of the name, in any case, and Hangul by whole syllables', async () => {
    expect((await search('EXAMPLE.KR')).body.hits.map((h) => h.participant.name)).toEqual(['Kim Minseo']);
    expect((await search('lima')).body.hits.map((h) => h.participant.name)).toEqual(['Ana Lima']);
    expect((await search('민준')).body.hits.map((h) => h.participant.name)).toEqual(['김민준']);
    // ㅁ is part of 민 but not a syllable of any name
    expect((await search('ㅁㅣ')).body.hits).toEqual([]);
  });

  it('finds people in the waiting room and ranks names that start with the query first', async () => {
    const { body } = await search('ana');
    expect(body.hits.map((h) => [h.participant.name, h.participant.location])).toEqual([
      ['Ana Lima', 'main'],
      ['Marie Anand', 'main'],
      ['Svetlana Ivanova', 'waiting'],
    ]);
  });

  it('shows only the meetings of the accounts the user may see', async () => {
    const mina = await server.login('mina', 'mina-password-2026');
    expect((await search('lima', mina)).body.hits).toEqual([]);
    expect((await search('kim', mina)).body.hits.map((h) => h.meetingUuid)).toEqual([STANDUP]);
  });

  it('refuses a query that is missing, too short or too long', async () => {
    for (const q of ['', ' a ', 'x'.repeat(101)]) {
      const response = await server.api(`/api/search?q=${encodeURIComponent(q)}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_request' } });
    }
    expect((await server.api('/api/search')).status).toBe(400);
  });

  it('needs a session', async () => {
    expect((await fetch(`${server.url}/api/search?q=ana`)).status).toBe(401);
  });

  it(`lists at most ${SEARCH_LIMIT} people and says there were more`, async () => {
    const crowd = new MeetingScript({ uuid: 'Crwd7xR2eW0tYb5NcL1wQ==', topic: 'All hands', id: '81112223334' });
    crowd.started(0);
    for (let i = 0; i < SEARCH_LIMIT + 5; i++) crowd.join(crowd.person(`Guest ${String(i).padStart(2, '0')}`), 20 + i);
    for (const body of crowd.events) expect((await server.post(body)).status).toBe(200);
    const { body } = await search('guest');
    expect(body.hits).toHaveLength(SEARCH_LIMIT);
    expect(body.truncated).toBe(true);
    expect(body.hits[0]!.participant.name).toBe('Guest 00');
  });
});

describe('meeting summaries', () => {
  it('name the host who is in the meeting', async () => {
    const response = await server.api('/api/meetings');
    const { meetings } = await answerOf('GET /api/meetings', response);
    const byUuid = new Map(meetings.map((m) => [m.uuid, m]));
    expect(byUuid.get(PLANNING)?.hostName).toBe('Ana Lima');
    expect(byUuid.get(STANDUP)?.hostName).toBeNull();
  });
});
