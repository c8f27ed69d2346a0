/**
 * The simulator knows where everyone it moves is; after its traffic went through the real webhook
 * endpoint, the live state the API shows must be exactly that.
 */
import { answerOf, getAnswer } from '../support/api';
import { afterEach, describe, expect, it } from 'vitest';
import { Scenario, Traffic, type ExpectedMeeting, type SimEvent } from '../../server/demo/simulator';
import type { MeetingDetail } from '../../shared/state';
import { expectedStateOf, shownState } from '../support/expected-state';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
afterEach(() => server?.close());

async function post(events: SimEvent[]): Promise<void> {
  for (const { body } of events) {
    const response = await server.post(body);
    expect(response.status).toBe(200);
  }
}

async function detail(uuid: string): Promise<MeetingDetail> {
  const response = await server.api(`/api/meetings/${encodeURIComponent(uuid)}`);
  expect(response.status).toBe(200);
  return answerOf('GET /api/meetings/:uuid', response);
}

async function expectStateOf(expected: ExpectedMeeting[]): Promise<void> {
  for (const meeting of expected) {
    expect(shownState(await detail(meeting.uuid)), `${meeting.kind} "${meeting.topic}"`).toEqual(
      expectedStateOf(meeting),
    );
  }
}

/** posts what the story did since the last step, then compares the whole state */
function stepper(story: Scenario): () => Promise<void> {
  return async () => {
    await post(story.take());
    await expectStateOf(story.expected());
  };
}

describe('live state of simulated traffic', () => {
  it('equals what the simulator expects, meeting by meeting, after three quarters of an hour of traffic at rate 3', async () => {
    server = await startTestServer();
    // recent enough to be live, not stale
    const traffic = new Traffic({ seed: 31, rate: 3, start: Date.now() - 3_600_000 });
    const events = [...traffic.advanceTo(traffic.now + 15 * 60_000), ...traffic.flush()];
    await post(events);
    const expected = traffic.expected();
    expect(expected.filter((m) => m.status === 'live').length).toBeGreaterThanOrEqual(4);
    expect(expected.filter((m) => m.status === 'ended').length).toBeGreaterThanOrEqual(1);
    expect(expected.some((m) => m.counts.breakout > 0 || m.participants.some((p) => p.droppedWithoutLeave))).toBe(true);
    await expectStateOf(expected);
    const listed = await getAnswer(server.api, 'GET /api/meetings');
    expect(listed.meetings.map((m) => m.uuid).sort()).toEqual(
      expected
        .filter((m) => m.status === 'live')
        .map((m) => m.uuid)
        .sort(),
    );
  }, 90_000);

  it('equals it too when Zoom reports half the breakout room moves without their breakout room events', async () => {
    server = await startTestServer();
    const traffic = new Traffic({ seed: 42, rate: 3, start: Date.now() - 3_600_000, breakoutEvents: 0.5 });
    const events = [...traffic.advanceTo(traffic.now + 15 * 60_000), ...traffic.flush()];
    await post(events);
    const moves = events.filter((e) => e.body.event === 'meeting.participant_left').map((e) => e.body.payload.object);
    const toRooms = moves.filter((o) => JSON.stringify(o).includes('left the meeting to join breakout room'));
    const announced = events.filter((e) => e.body.event === 'meeting.participant_joined_breakout_room');
    expect(announced.length).toBeGreaterThan(5);
    expect(toRooms.length - announced.length).toBeGreaterThan(5);
    const expected = traffic.expected();
    const inRooms = expected.flatMap((m) => m.participants.filter((p) => p.location === 'breakout'));
    expect(inRooms.some((p) => p.breakoutRoomUuid === null)).toBe(true);
    expect(inRooms.some((p) => p.breakoutRoomUuid !== null)).toBe(true);
    await expectStateOf(expected);
  }, 90_000);

  it('equals the scripted story at every step', async () => {
    server = await startTestServer();
    const story = new Scenario({ seed: 12, start: Date.now() - 600_000 });
    const step = stepper(story);
    const meeting = story.meeting({ waitingRoom: true, host: { name: '박지훈' } });
    const guests = ['Ana Lima', 'Ken Watanabe', 'Zoë Müller-Łukasz', 'Priya 🎧 Raman'].map((name) =>
      meeting.join(name),
    );
    await step();
    story.wait(10_000);
    for (const guest of guests) guest.admit();
    guests[0]!.setRole('co-host');
    await step();
    const rooms = meeting.openBreakoutRooms(2);
    story.wait(30_000);
    guests.forEach((guest, i) => guest.moveTo(rooms[i % 2]!));
    guests[1]!.share('whiteboard');
    meeting.startRecording();
    await step();
    story.wait(60_000);
    guests[2]!.moveTo(rooms[1]!);
    guests[3]!.disconnect();
    guests[0]!.returnToMain();
    guests[0]!.putInWaitingRoom();
    await step();
    story.wait(20_000);
    meeting.closeBreakoutRooms();
    guests[3]!.rejoin();
    guests[0]!.admit();
    meeting.pauseRecording();
    await step();
    story.wait(60_000);
    meeting.end();
    await step();
  });

  it('shows the share of someone admitted from the waiting room (a new user_id after admission)', async () => {
    server = await startTestServer();
    const story = new Scenario({ seed: 13, start: Date.now() - 600_000 });
    const meeting = story.meeting({ waitingRoom: true });
    const guests = Array.from({ length: 8 }, () => meeting.join());
    const step = stepper(story);
    story.wait(15_000);
    for (const guest of guests) guest.admit();
    for (const guest of guests) {
      story.wait(5_000);
      guest.share('application');
      await step();
      guest.stopSharing();
    }
  });
});
