import { describe, expect, it } from 'vitest';
import { Scenario, World, crowd, webinarStorm, type SimEvent, type ZoomBody } from '../../../server/demo/simulator';
import { zoomEventSchemas } from '../../../shared/zoom/events.generated';

type Loose = Record<string, unknown>;

const participantOf = (body: ZoomBody) => (body.payload.object.participant ?? {}) as Loose;
const personTime = (body: ZoomBody) => {
  const p = participantOf(body);
  const iso = p.join_time ?? p.leave_time ?? p.date_time ?? (p.sharing_details as Loose | undefined)?.date_time;
  return typeof iso === 'string' ? iso : null;
};

/** event names grouped by participant time, each group sorted (Zoom sends one action's events in any order) */
function timeline(events: SimEvent[], keep: (body: ZoomBody) => boolean): [string | null, string[]][] {
  const groups = new Map<string | null, string[]>();
  for (const { body } of [...events].sort((a, b) => a.body.event_ts - b.body.event_ts)) {
    if (!keep(body)) continue;
    const t = personTime(body);
    groups.set(t, [...(groups.get(t) ?? []), body.event]);
  }
  return [...groups].map(([t, names]) => [t, names.sort()]);
}

describe('Scenario: a scripted story gives exactly its events', () => {
  it('waiting room, admission, breakout room 2, sharing, leaving', () => {
    const story = new Scenario({ seed: 7, start: '2026-04-03T17:00:00Z' });
    const meeting = story.meeting({ topic: 'Design review', waitingRoom: true, host: { name: 'Ana Lima' } });
    const kim = meeting.join('김민준');
    story.wait(5_000);
    kim.admit();
    const [room1, room2] = meeting.openBreakoutRooms(2);
    story.wait(60_000);
    kim.moveTo(room2!);
    kim.share('desktop');

    const during = story.expected()[0]!;
    expect(during.participants.map((p) => [p.name, p.location, p.breakoutRoomUuid, p.role])).toEqual([
      ['Ana Lima', 'main', null, 'host'],
      ['김민준', 'breakout', room2!.uuid, 'attendee'],
    ]);
    expect(during.sharing).toEqual([
      { participantUuid: kim.participantUuid, content: 'desktop', breakoutRoomUuid: room2!.uuid },
    ]);
    expect(during.counts).toEqual({ main: 1, breakout: 1, waiting: 0 });

    story.wait(120_000);
    kim.leave();
    const events = story.events();
    const kimsUserIds = new Set(
      events
        .filter((e) => participantOf(e.body).participant_uuid === kim.participantUuid)
        .map((e) => participantOf(e.body).user_id),
    );
    const isKim = (b: ZoomBody) => kimsUserIds.has(participantOf(b).user_id);
    expect(timeline(events, isKim)).toEqual([
      ['2026-04-03T17:00:00Z', ['meeting.participant_joined_waiting_room']],
      [
        '2026-04-03T17:00:05Z',
        ['meeting.participant_admitted', 'meeting.participant_joined', 'meeting.participant_left_waiting_room'],
      ],
      [
        '2026-04-03T17:01:05Z',
        ['meeting.participant_joined', 'meeting.participant_joined_breakout_room', 'meeting.participant_left'],
      ],
      // one person's actions are kept three seconds apart
      ['2026-04-03T17:01:08Z', ['meeting.breakout_room_sharing_started']],
      [
        '2026-04-03T17:03:05Z',
        ['meeting.breakout_room_sharing_ended', 'meeting.participant_left', 'meeting.participant_left_breakout_room'],
      ],
    ]);
    const others = events.filter((e) => !isKim(e.body)).map((e) => [e.body.event, personTime(e.body)]);
    expect(others.sort()).toEqual([
      ['meeting.participant_joined', '2026-04-03T17:00:00Z'],
      ['meeting.started', null],
    ]);
    expect(events.every((e) => e.body.payload.object.topic === 'Design review')).toBe(true);
    expect(room1!.uuid).not.toBe(room2!.uuid);

    const after = story.expected()[0]!;
    expect(after.status).toBe('live');
    expect(after.participants.map((p) => p.name)).toEqual(['Ana Lima']);
    expect(after.sharing).toEqual([]);
  });

  it('people who come before a late host wait for the host, then enter when the meeting starts', () => {
    const story = new Scenario({ seed: 3 });
    const meeting = story.meeting({ hostLate: true, host: { name: 'Ken Watanabe' } });
    const olu = meeting.join({ name: 'Olu Adeyemi', email: 'olu@northwind.example' });
    expect(story.expected()[0]!.participants).toEqual([
      expect.objectContaining({ name: 'Olu Adeyemi', location: 'jbh_waiting', participantUuid: null }),
    ]);
    story.wait(90_000);
    meeting.start();
    const names = story.events().map((e) => e.body.event);
    expect(names.sort()).toEqual([
      'meeting.participant_jbh_joined',
      'meeting.participant_jbh_waiting',
      'meeting.participant_joined',
      'meeting.participant_joined',
      'meeting.started',
    ]);
    const jbh = story.events().find((e) => e.body.event === 'meeting.participant_jbh_waiting')!;
    expect(participantOf(jbh.body)).toEqual({ id: olu.identity.zoomUserId, user_name: 'Olu Adeyemi' });
    expect(story.expected()[0]!.participants.map((p) => [p.name, p.location, p.role])).toEqual([
      ['Olu Adeyemi', 'main', 'attendee'],
      ['Ken Watanabe', 'main', 'host'],
    ]);
  });

  it('a reconnection is a new connection; a drop sends nothing and stays present', () => {
    const story = new Scenario({ seed: 4 });
    const meeting = story.meeting();
    const zoe = meeting.join('Zoë Müller');
    const priya = meeting.join({ name: 'Priya Raman', phone: '14155550123' });
    story.wait(30_000);
    zoe.disconnect();
    story.wait(10_000);
    const again = zoe.rejoin();
    expect(again.participantUuid).not.toBe(zoe.participantUuid);
    const before = story.events().length;
    priya.drop();
    expect(story.events()).toHaveLength(before);
    const left = story.events().find((e) => e.body.event === 'meeting.participant_left')!;
    expect(participantOf(left.body).leave_reason).toBe(
      'Zoë Müller got disconnected from the meeting. Reason : Client Close.',
    );
    const joinedPriya = story.events().find((e) => participantOf(e.body).user_name === 'Priya Raman')!;
    expect(participantOf(joinedPriya.body).phone_number).toBe('14155550123');
    expect(story.expected()[0]!.participants.map((p) => [p.name, p.droppedWithoutLeave])).toEqual([
      [meeting.hostIdentity.name, false],
      ['Priya Raman', true],
      ['Zoë Müller', false],
    ]);
    meeting.end();
    expect(story.expected()[0]).toMatchObject({
      status: 'ended',
      participants: [],
      counts: { main: 0, breakout: 0, waiting: 0 },
    });
  });

  it('a webinar: attendees, a co-host, sharing, recording, the end', () => {
    const story = new Scenario({ seed: 5 });
    const webinar = story.webinar({ topic: 'Product launch' });
    const attendee = webinar.join('Chloé Lefèvre');
    story.wait(20_000);
    attendee.setRole('co-host');
    attendee.share('application');
    webinar.startRecording();
    story.wait(60_000);
    webinar.alert(['Unstable audio quality']);
    webinar.end();
    const events = story.events();
    expect(new Set(events.map((e) => e.body.event))).toEqual(
      new Set([
        'webinar.started',
        'webinar.participant_joined',
        'webinar.participant_role_changed',
        'webinar.sharing_started',
        'recording.started',
        'webinar.alert',
        'webinar.sharing_ended',
        'webinar.participant_left',
        'recording.stopped',
        'webinar.ended',
      ]),
    );
    for (const { body } of events) expect(zoomEventSchemas[body.event].safeParse(body).success).toBe(true);
    const role = events.find((e) => e.body.event === 'webinar.participant_role_changed')!;
    expect(participantOf(role.body)).toMatchObject({
      old_role: 'attendee',
      new_role: 'co-host',
      user_name: 'Chloé Lefèvre',
    });
    expect(story.expected()[0]).toMatchObject({ kind: 'webinar', status: 'ended', recording: false });
  });

  it('refuses what Zoom would not do, with a clear error', () => {
    const story = new Scenario({ seed: 6 });
    const meeting = story.meeting({ waitingRoom: true });
    const guest = meeting.join('Sam Okafor');
    const [room] = meeting.openBreakoutRooms(1);
    expect(() => guest.moveTo(room!)).toThrow(/Sam Okafor cannot move to a breakout room \(location: waiting\)/);
    expect(() => story.webinar().openBreakoutRooms(2)).toThrow(/cannot open breakout rooms/);
    meeting.end();
    expect(() => meeting.end()).toThrow(/cannot end \(status: ended\)/);
    expect(() => meeting.join('Late Comer')).toThrow(/cannot be joined/);
  });
});

describe('shapes: finite streams for benchmarks', () => {
  it('a 10,000-person webinar joining within 60 s', () => {
    const { events, expected } = webinarStorm({ seed: 1, attendees: 10_000, withinMs: 60_000 });
    expect(events).toHaveLength(10_002);
    const joins = events.filter((e) => e.body.event === 'webinar.participant_joined');
    expect(joins).toHaveLength(10_001);
    const times = joins.map((e) => Date.parse(personTime(e.body)!));
    expect(Math.max(...times) - Math.min(...times)).toBeLessThanOrEqual(60_000);
    expect(new Set(joins.map((e) => participantOf(e.body).participant_uuid)).size).toBe(10_001);
    expect(expected).toHaveLength(1);
    expect(expected[0]).toMatchObject({
      kind: 'webinar',
      status: 'live',
      counts: { main: 10_001, breakout: 0, waiting: 0 },
    });
  });

  it('1,000 live meetings with 50,000 participants between them', () => {
    const { events, expected } = crowd({ seed: 2, meetings: 1_000, participants: 50_000 });
    expect(events.filter((e) => e.body.event === 'meeting.started')).toHaveLength(1_000);
    expect(events.filter((e) => e.body.event === 'meeting.participant_joined')).toHaveLength(50_000);
    expect(expected).toHaveLength(1_000);
    expect(expected.every((m) => m.status === 'live')).toBe(true);
    const sizes = expected.map((m) => m.participants.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(50_000);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...sizes)).toBeGreaterThan(Math.min(...sizes));
    for (let i = 1; i < events.length; i++) expect(events[i]!.at).toBeGreaterThanOrEqual(events[i - 1]!.at);
  });
});

describe('Scenario: control for tests', () => {
  const at = Date.UTC(2026, 10, 24, 9, 0, 0);

  it('with exactTimes, stamps and delivers every event at the time of its action', () => {
    const story = new Scenario({ seed: 8, start: at, exactTimes: true });
    const meeting = story.meeting({ waitingRoom: true });
    const ana = meeting.join('Ana Lima');
    story.waitUntil(at + 4_250);
    ana.admit();
    story.waitUntil(at + 90_500);
    meeting.end();
    const events = story.events();
    expect(events.map((e) => [e.body.event, e.body.event_ts - at])).toEqual([
      ['meeting.started', 0],
      ['meeting.participant_joined', 0],
      ['meeting.participant_joined_waiting_room', 0],
      ['meeting.participant_admitted', 4_250],
      ['meeting.participant_left_waiting_room', 4_250],
      ['meeting.participant_joined', 4_250],
      ['meeting.participant_left', 90_500],
      ['meeting.participant_left', 90_500],
      ['meeting.ended', 90_500],
    ]);
    for (const { at: deliveredAt, body } of events) expect(deliveredAt).toBe(body.event_ts);
    expect(participantOf(events[3]!.body).date_time).toBe('2026-11-24T09:00:04Z');
    expect(() => new World({ seed: 1, exactTimes: true, redeliveryRate: 0.1 })).toThrow(/once/);
  });

  it('moves its clock only forward, and take() hands out each delivery once', () => {
    const story = new Scenario({ seed: 9, start: at });
    const meeting = story.meeting();
    const first = story.take();
    expect(first.map((e) => e.body.event).sort()).toEqual(['meeting.participant_joined', 'meeting.started']);
    expect(story.take()).toEqual([]);
    story.waitUntil(at + 60_000);
    expect(() => story.waitUntil(at)).toThrow(/cannot go back/);
    const kim = meeting.join('김민준');
    story.wait(10_000);
    kim.share('whiteboard');
    const second = story.take();
    expect(second.map((e) => e.body.event)).toEqual(['meeting.participant_joined', 'meeting.sharing_started']);
    expect([...first, ...second]).toEqual(story.events());
  });

  it('hands the host role over: Zoom reports both changes, and a host cannot just step down', () => {
    const story = new Scenario({ seed: 10 });
    const meeting = story.meeting({ host: { name: 'Ana Lima' } });
    const ken = meeting.join({ name: 'Ken Watanabe', email: 'ken@northwind.example' });
    story.wait(30_000);
    const before = story.events().length;
    ken.setRole('host');
    const changes = story.events().slice(before);
    expect(changes.map((e) => participantOf(e.body)).map((p) => [p.user_name, p.old_role, p.new_role])).toEqual(
      expect.arrayContaining([
        ['Ken Watanabe', 'attendee', 'host'],
        ['Ana Lima', 'host', 'attendee'],
      ]),
    );
    expect(changes).toHaveLength(2);
    expect(new Set(changes.map((e) => personTime(e.body))).size).toBe(1);
    expect(meeting.host).toBe(ken);
    expect(story.expected()[0]!.participants.map((p) => [p.name, p.role])).toEqual([
      ['Ana Lima', 'attendee'],
      ['Ken Watanabe', 'host'],
    ]);
    expect(() => ken.setRole('co-host')).toThrow(/Ken Watanabe cannot become co-host without handing the host role/);
  });

  it('reports breakout room moves without their breakout room events when told so', () => {
    const story = new Scenario({ seed: 11, breakoutEvents: 0 });
    const meeting = story.meeting();
    const zoe = meeting.join('Zoë Müller');
    const [room1, room2] = meeting.openBreakoutRooms(2);
    story.wait(20_000);
    zoe.moveTo(room1!);
    expect(story.expected()[0]!.participants[1]).toMatchObject({ location: 'breakout', breakoutRoomUuid: null });
    story.wait(20_000);
    zoe.moveTo(room2!);
    story.wait(20_000);
    zoe.returnToMain();
    story.wait(20_000);
    zoe.moveTo(room1!);
    zoe.leave();
    const names = story.events().map((e) => e.body.event);
    expect(names.filter((n) => n.includes('breakout'))).toEqual([]);
    const reasons = story
      .events()
      .filter((e) => e.body.event === 'meeting.participant_left')
      .map((e) => String(participantOf(e.body).leave_reason).replace('Zoë Müller left the meeting. Reason : ', ''));
    expect(reasons).toEqual([
      'left the meeting to join breakout room',
      'left the meeting to join breakout room',
      'left the meeting leave breakout room to join main meeting',
      'left the meeting to join breakout room',
      'left the meeting',
    ]);
    expect(() => new Scenario({ breakoutEvents: 1.5 })).toThrow(/breakoutEvents/);
  });

  it('renews a connection in place: a plain leave and a join of a new user_id under the same participant_uuid', () => {
    const story = new Scenario({ seed: 13, start: at, exactTimes: true });
    const meeting = story.meeting();
    const ken = meeting.join('Ken Watanabe');
    story.wait(10_000);
    ken.share('desktop');
    story.take();
    const { participantUuid, userId } = ken;
    story.wait(10_000);
    ken.renewConnection();
    const renewal = story.take().map((e) => e.body);
    expect(renewal.map((b) => b.event)).toEqual([
      'meeting.sharing_ended',
      'meeting.participant_left',
      'meeting.participant_joined',
    ]);
    const [, left, joined] = renewal.map(participantOf);
    expect(left).toMatchObject({ participant_uuid: participantUuid, user_id: userId });
    expect(left!.leave_reason).toBe('Ken Watanabe left the meeting. Reason : left the meeting');
    expect(joined).toMatchObject({ participant_uuid: participantUuid, join_time: left!.leave_time });
    expect(joined!.user_id).not.toBe(userId);
    expect(story.expected()[0]!.participants[1]).toMatchObject({ participantUuid, location: 'main' });
    const [room] = meeting.openBreakoutRooms(1);
    ken.moveTo(room!);
    expect(() => ken.renewConnection()).toThrow(/cannot renew the connection \(location: breakout\)/);
  });

  it('converts a meeting to a webinar, raises at-risk alerts with given details, knows external users', () => {
    const story = new Scenario({ seed: 12, accounts: 3 });
    const meeting = story.meeting({ account: 2, host: { name: 'Ana Lima', email: 'ana.lima@kestrel.example' } });
    const guest = meeting.join({ name: 'Olu Adeyemi', email: 'olu@example.org', zoomUserId: null });
    meeting.riskAlert({ post_platform: 'Reddit', social_link: 'https://www.reddit.com/r/zoom/comments/1x2y3z/' });
    story.wait(60_000);
    meeting.convertToWebinar();
    meeting.join('Chloé Lefèvre');
    const events = story.events();
    for (const { body } of events) expect(zoomEventSchemas[body.event].safeParse(body).success, body.event).toBe(true);
    expect(events.every((e) => e.body.payload.account_id === story.world.accounts[2]!.id)).toBe(true);
    const joined = events.filter((e) => participantOf(e.body).user_name === 'Olu Adeyemi')[0]!;
    expect(participantOf(joined.body)).toMatchObject({ email: 'olu@example.org', id: '', participant_user_id: '' });
    expect(guest.identity.kind).toBe('signed_in');
    const risk = events.find((e) => e.body.event === 'meeting.risk_alert')!.body.payload.object;
    expect(risk).toMatchObject({
      host_email: 'ana.lima@kestrel.example',
      armn_details: {
        post_platform: 'Reddit',
        social_link: 'https://www.reddit.com/r/zoom/comments/1x2y3z/',
        meeting_url: `https://example.zoom.us/j/${meeting.facts.id}`,
      },
    });
    const converted = events.find((e) => e.body.event === 'meeting.converted_to_webinar')!.body;
    expect(converted.payload).toMatchObject({ operator: 'ana.lima@kestrel.example', object: { type: 5 } });
    expect(typeof converted.payload.object.id).toBe('number');
    expect(events.at(-1)!.body.event).toBe('webinar.participant_joined');
    expect(story.expected()[0]!.kind).toBe('webinar');

    const rooms = story.meeting();
    const [room] = rooms.openBreakoutRooms(1);
    rooms.join('Sam Okafor').moveTo(room!);
    expect(() => rooms.convertToWebinar()).toThrow(/cannot be converted to a webinar/);
    expect(() => new Scenario({ accounts: 5 })).toThrow(/accounts/);
  });
});
