import { describe, expect, it } from 'vitest';
import { MeetingScript } from '../../support/meeting-script';
import { ReducerHarness } from '../../support/reducer-harness';

const UUID = 'tubFEWg9SAaVamwu6V0+kw==';
const ROOM_1 = 'Kx2/bQ7sR5ycnpK0+Vh1Tg==';
const ROOM_2 = 'pQ9rLm4nT8a/Wz3XyUv0Ag==';

function setup(options: Partial<ConstructorParameters<typeof MeetingScript>[0]> = {}) {
  const script = new MeetingScript({ uuid: UUID, ...options });
  const harness = new ReducerHarness();
  const run = (bodies: unknown) => harness.applyAll(([] as unknown[]).concat(bodies));
  return { script, harness, run, where: (name: string) => harness.find(UUID, name) };
}

describe('meeting and webinar lifecycle', () => {
  it('a started meeting is live with its topic, id, host and start; ended closes it', () => {
    const { script, harness, run } = setup({ topic: 'Weekly sync 🎉', id: 85746065432 });
    run(script.started(0));
    let d = harness.detail(UUID);
    expect(d).toMatchObject({
      uuid: UUID,
      id: '85746065432',
      topic: 'Weekly sync 🎉',
      kind: 'meeting',
      hostId: 'KdYKjnimT4KPd8FFgQt9FQ',
      status: 'live',
      startedAt: '2026-11-24T09:00:00Z',
      endedAt: null,
      scheduledDuration: 60,
      recording: false,
      liveStreaming: false,
      counts: { main: 0, breakout: 0, waiting: 0 },
    });
    run(script.ended(3600));
    d = harness.detail(UUID);
    expect(d.status).toBe('ended');
    expect(d.endedAt).toBe('2026-11-24T10:00:00Z');
  });

  it('a webinar is a webinar, with the same transitions', () => {
    const { script, harness, run, where } = setup({ kind: 'webinar', topic: 'Product launch' });
    const ana = script.person('Ana Lima');
    run([script.started(0), script.join(ana, 10)]);
    expect(harness.detail(UUID).kind).toBe('webinar');
    expect(where('Ana Lima')).toMatchObject({ location: 'main', role: 'attendee' });
    run(script.role(ana, 'attendee', 'co-host', 20));
    expect(where('Ana Lima')?.role).toBe('co-host');
    run(script.share(ana, true, 30, 'application'));
    expect(harness.detail(UUID).sharing).toEqual([
      expect.objectContaining({ participantName: 'Ana Lima', content: 'application', breakoutRoomUuid: null }),
    ]);
    run(script.leave(ana, 40));
    expect(where('Ana Lima')).toBeUndefined();
    expect(harness.detail(UUID).sharing).toEqual([]);
    run(script.ended(50));
    expect(harness.detail(UUID).status).toBe('ended');
  });

  it('meeting.converted_to_webinar makes it a webinar', () => {
    const { script, harness, run } = setup();
    run([script.started(0), script.convertedToWebinar(60)]);
    expect(harness.detail(UUID).kind).toBe('webinar');
  });
});

describe('events about an instance rather than in it', () => {
  it('a risk alert moves no state, whether it comes before the meeting, during it or after its end', () => {
    const { script, harness, run } = setup({ topic: 'Weekly sync' });
    run(script.riskAlert(-600, 'Old topic'));
    expect(harness.states.has(UUID)).toBe(false);
    run(script.started(0));
    const started = harness.detail(UUID);
    run(script.riskAlert(60, 'Renamed topic'));
    expect(harness.detail(UUID)).toEqual(started);
    run(script.ended(3600));
    const ended = harness.detail(UUID);
    run(script.riskAlert(3700, 'Renamed topic'));
    expect(harness.detail(UUID)).toEqual(ended);
  });
});

describe('participants', () => {
  it('joined and left, with name, email, phone, device and join time', () => {
    const { script, harness, run, where } = setup();
    const ana = script.person('Ana Lima', { email: 'ana.lima@example.com', signedIn: true });
    const ken = script.person('Ken Watanabe', { phone: '+81312345678' });
    run([script.started(0), script.join(ana, 5), script.join(ken, 9)]);
    expect(where('Ana Lima')).toMatchObject({
      key: ana.participantUuid,
      email: 'ana.lima@example.com',
      location: 'main',
      breakoutRoomUuid: null,
      joinedAt: '2026-11-24T09:00:05.000Z',
      device: 'computer',
      phone: null,
    });
    expect(where('Ken Watanabe')).toMatchObject({ device: 'phone', phone: '+81312345678' });
    expect(harness.detail(UUID).counts).toEqual({ main: 2, breakout: 0, waiting: 0 });
    run(script.leave(ana, 60));
    expect(where('Ana Lima')).toBeUndefined();
    expect(harness.detail(UUID).counts.main).toBe(1);
    harness.expectConsistentCounts(UUID);
  });

  it('the meeting host is host; role changes make co-hosts and move the host role', () => {
    const { script, run, where } = setup();
    const host = script.person('Olu Adeyemi', { host: true, signedIn: true });
    const ana = script.person('Ana Lima');
    run([script.started(0), script.join(host, 1), script.join(ana, 2)]);
    expect(where('Olu Adeyemi')?.role).toBe('host');
    expect(where('Ana Lima')?.role).toBe('attendee');
    run(script.role(ana, 'attendee', 'co-host', 10));
    expect(where('Ana Lima')?.role).toBe('co-host');
    run([script.role(ana, 'co-host', 'host', 20), script.role(host, 'host', 'attendee', 20)]);
    expect(where('Ana Lima')?.role).toBe('host');
    expect(where('Olu Adeyemi')?.role).toBe('attendee');
  });
});

describe('waiting room and join before host', () => {
  it('waits in the waiting room, is admitted into the main room', () => {
    const { script, harness, run, where } = setup();
    const ken = script.person('Ken Watanabe');
    run([script.started(0), script.enterWaitingRoom(ken, 10)]);
    expect(where('Ken Watanabe')).toMatchObject({ location: 'waiting', joinedAt: '2026-11-24T09:00:10.000Z' });
    expect(harness.detail(UUID).counts).toEqual({ main: 0, breakout: 0, waiting: 1 });
    run(script.admit(ken, 70));
    expect(where('Ken Watanabe')).toMatchObject({ location: 'main', joinedAt: '2026-11-24T09:01:10.000Z' });
    expect(harness.detail(UUID).counts).toEqual({ main: 1, breakout: 0, waiting: 0 });
  });

  it('gives up waiting, or is put back into the waiting room', () => {
    const { script, run, where } = setup();
    const ken = script.person('Ken Watanabe');
    const ana = script.person('Ana Lima');
    run([script.started(0), script.enterWaitingRoom(ken, 10), script.leaveWaitingRoom(ken, 40)]);
    expect(where('Ken Watanabe')).toBeUndefined();
    run([script.join(ana, 50), ...script.putInWaitingRoom(ana, 80)]);
    expect(where('Ana Lima')).toMatchObject({ location: 'waiting' });
    run(script.admit(ana, 100));
    expect(where('Ana Lima')).toMatchObject({ location: 'main' });
  });

  it('waits for the host (jbh), then joins once the host is there', () => {
    const { script, harness, run, where } = setup();
    const ana = script.person('Ana Lima', { signedIn: true });
    run(script.jbhWaiting(ana, 0));
    expect(where('Ana Lima')).toMatchObject({ location: 'jbh_waiting' });
    expect(harness.detail(UUID).counts.waiting).toBe(1);
    run([script.started(30), script.jbhWaitingLeft(ana, 31), script.join(ana, 31)]);
    expect(harness.detail(UUID).participants.map((p) => [p.name, p.location])).toEqual([['Ana Lima', 'main']]);
  });

  it('joined before the host: jbh_joined ends the waiting-for-host entry', () => {
    const { script, harness, run } = setup();
    const ana = script.person('Ana Lima');
    run([script.jbhWaiting(ana, 0), script.jbhJoined(ana, 5), script.join(ana, 5)]);
    expect(harness.detail(UUID).participants.map((p) => p.location)).toEqual(['main']);
  });
});

describe('breakout rooms', () => {
  it('moves into a breakout room and back: always exactly one place', () => {
    const { script, harness, run, where } = setup();
    const ana = script.person('Ana Lima');
    const ken = script.person('Ken Watanabe');
    run([script.started(0), script.join(ana, 5), script.join(ken, 6)]);
    run(script.moveToBreakout(ana, ROOM_1, 60));
    expect(where('Ana Lima')).toMatchObject({
      location: 'breakout',
      breakoutRoomUuid: ROOM_1,
      joinedAt: '2026-11-24T09:01:00.000Z',
    });
    run(script.moveToBreakout(ken, ROOM_2, 61));
    expect(harness.detail(UUID).breakoutRooms).toEqual([
      { uuid: ROOM_1, label: 'Room 1', participantCount: 1 },
      { uuid: ROOM_2, label: 'Room 2', participantCount: 1 },
    ]);
    expect(harness.detail(UUID).counts).toEqual({ main: 0, breakout: 2, waiting: 0 });
    run(script.returnToMain(ana, ROOM_1, 600));
    expect(where('Ana Lima')).toMatchObject({ location: 'main', breakoutRoomUuid: null });
    expect(harness.detail(UUID).counts).toEqual({ main: 1, breakout: 1, waiting: 0 });
    harness.expectConsistentCounts(UUID);
  });

  it('moves from one breakout room to another', () => {
    const { script, run, where, harness } = setup();
    const ana = script.person('Ana Lima');
    run([script.started(0), script.join(ana, 5), ...script.moveToBreakout(ana, ROOM_1, 60)]);
    const segment = ana.userId;
    run(script.leaveBreakout(ana, ROOM_1, 120));
    ana.userId = segment;
    run(script.moveToBreakout(ana, ROOM_2, 120).slice(1));
    expect(where('Ana Lima')).toMatchObject({ location: 'breakout', breakoutRoomUuid: ROOM_2 });
    harness.expectConsistentCounts(UUID);
  });

  it('with only participant_left/joined subscribed (as in the real captures), a move lands in an unnamed room', () => {
    const { script, harness, run, where } = setup();
    const ana = script.person('Ana Lima');
    run([script.started(0), script.join(ana, 5), ...script.moveToBreakout(ana, ROOM_1, 60, { explicit: false })]);
    expect(where('Ana Lima')).toMatchObject({ location: 'breakout', breakoutRoomUuid: null });
    expect(harness.detail(UUID).breakoutRooms).toEqual([
      { uuid: null, label: 'Unnamed breakout room', participantCount: 1 },
    ]);
    run([
      script.leave(
        ana,
        300,
        'Ana Lima left the meeting. Reason : left the meeting leave breakout room to join main meeting',
      ),
      script.join(ana, 300),
    ]);
    expect(where('Ana Lima')).toMatchObject({ location: 'main' });
    harness.expectConsistentCounts(UUID);
  });
});

describe('sharing, recording, live streaming', () => {
  it('shares in the main room and in a breakout room; a share ends when its owner leaves or moves', () => {
    const { script, harness, run } = setup();
    const ana = script.person('Ana Lima');
    const ken = script.person('Ken Watanabe');
    run([script.started(0), script.join(ana, 5), script.join(ken, 6), script.share(ana, true, 10, 'whiteboard')]);
    expect(harness.detail(UUID).sharing).toEqual([
      {
        participantKey: ana.participantUuid,
        participantName: 'Ana Lima',
        content: 'whiteboard',
        breakoutRoomUuid: null,
        startedAt: '2026-11-24T09:00:10.000Z',
      },
    ]);
    run(script.share(ana, false, 20));
    expect(harness.detail(UUID).sharing).toEqual([]);
    run([...script.moveToBreakout(ken, ROOM_1, 30), script.share(ken, true, 40, 'application', ROOM_1)]);
    expect(harness.detail(UUID).sharing).toEqual([
      expect.objectContaining({ participantName: 'Ken Watanabe', content: 'application', breakoutRoomUuid: ROOM_1 }),
    ]);
    run(script.returnToMain(ken, ROOM_1, 100));
    expect(harness.detail(UUID).sharing).toEqual([]);
    run([script.share(ana, true, 110, 'desktop'), script.leave(ana, 120)]);
    expect(harness.detail(UUID).sharing).toEqual([]);
  });

  it('recording started, paused, resumed, stopped; live streaming started and stopped', () => {
    const { script, harness, run } = setup();
    const state = () => {
      const d = harness.detail(UUID);
      return [d.recording, d.recordingPaused, d.liveStreaming];
    };
    run([script.started(0), script.recording('started', 10)]);
    expect(state()).toEqual([true, false, false]);
    run(script.recording('paused', 20));
    expect(state()).toEqual([false, true, false]);
    run([script.recording('resumed', 30), script.liveStreaming(true, 31)]);
    expect(state()).toEqual([true, false, true]);
    run([script.recording('stopped', 40), script.liveStreaming(false, 41)]);
    expect(state()).toEqual([false, false, false]);
    run([script.recording('started', 50), script.liveStreaming(true, 51), script.ended(60)]);
    expect(state()).toEqual([false, false, false]);
  });
});
