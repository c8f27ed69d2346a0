import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { Diff, MeetingChange, OverviewChange, Sync } from '../../../shared/realtime/protocol';
import type { MeetingDetail, MeetingSummary, ParticipantView } from '../../../shared/state';
import { LiveStore } from '../../../web/src/lib/live-store.svelte';
import { FakeLiveSocket } from '../../support/fake-live-socket';

const EPOCH = '0d5a5c8e-4d53-4a4b-9f3c-2b0e8a1f7c61';
const REBOOTED = 'b41f6f0e-93a2-4c55-8d1e-7a9c3e2f5d10';
const PLANNING = 'tubFEWg9SAaVamwu6V0+kw==';
const STANDUP = 'kR/9x+e2QnWb3dYt1LmZ0A==';

function summary(uuid: string, topic: string, main = 3): MeetingSummary {
  return {
    uuid,
    id: '85746065432',
    topic,
    kind: 'meeting',
    hostId: 'z8yBXksmRfaKhg0LQ3tPiw',
    hostName: '박민지',
    accountId: 'ZqK3bW9xTfa4LmN0pRs2Vg',
    status: 'live',
    startedAt: '2026-11-24T09:00:00Z',
    endedAt: null,
    scheduledDuration: 60,
    recording: false,
    recordingPaused: false,
    liveStreaming: false,
    counts: { main, breakout: 0, waiting: 0 },
    sharing: [],
    lastEventAt: '2026-11-24T09:05:00.000Z',
  };
}

function person(key: string, name: string, location: ParticipantView['location'] = 'main'): ParticipantView {
  return {
    key,
    name,
    email: null,
    role: 'attendee',
    location,
    breakoutRoomUuid: null,
    joinedAt: '2026-11-24T09:01:00.000Z',
    firstJoinedAt: '2026-11-24T09:01:00.000Z',
    phone: null,
    device: 'computer',
    userId: '16778240',
  };
}

const overviewSnapshot = (seq: number, meetings: MeetingSummary[], epoch = EPOCH): Sync => ({
  type: 'snapshot',
  channel: 'overview',
  key: null,
  epoch,
  seq,
  data: meetings,
});

const overviewDiff = (prev: number, seq: number, data: Partial<OverviewChange>, epoch = EPOCH): Diff<'overview'> => ({
  type: 'diff',
  channel: 'overview',
  key: null,
  epoch,
  seq,
  prev,
  data: { upsert: [], remove: [], ...data },
});

const detail = (uuid: string, participants: ParticipantView[]): MeetingDetail => ({
  ...summary(uuid, 'Quarterly planning — 분기 계획', participants.length),
  participants,
  breakoutRooms: [],
});

const meetingDiff = (uuid: string, prev: number, seq: number, data: Partial<MeetingChange>): Diff<'meeting'> => ({
  type: 'diff',
  channel: 'meeting',
  key: uuid,
  epoch: EPOCH,
  seq,
  prev,
  data: {
    summary: summary(uuid, 'Quarterly planning — 분기 계획'),
    breakoutRooms: [],
    upsert: [],
    remove: [],
    ...data,
  },
});

/** A store connected to a fake server that already sent an overview of one meeting at seq 10. */
function connectedStore() {
  const factory = FakeLiveSocket.factory();
  let clock = 1_000;
  const store = new LiveStore({ connect: factory.connect, now: () => clock });
  const socket = factory.socket();
  socket.accept();
  socket.push('sync', overviewSnapshot(10, [summary(PLANNING, 'Quarterly planning — 분기 계획')]));
  return { store, socket, tick: (ms: number) => (clock += ms) };
}

describe('LiveStore: overview', () => {
  it('is stale until connected and synced, then applies diffs in order', () => {
    const factory = FakeLiveSocket.factory();
    const store = new LiveStore({ connect: factory.connect, now: () => 500 });
    const socket = factory.socket();
    expect(store.connection).toBe('connecting');
    expect(store.staleSince).toBe(500);
    expect(socket.accept()).toEqual({});
    expect(store.connection).toBe('live');
    expect(store.staleSince).toBe(500);

    socket.push('sync', overviewSnapshot(10, [summary(PLANNING, 'Quarterly planning — 분기 계획')]));
    expect(store.staleSince).toBeNull();
    socket.push('diff', overviewDiff(10, 14, { upsert: [summary(STANDUP, 'Standup équipe')] }));
    socket.push('diff', overviewDiff(14, 15, { upsert: [summary(PLANNING, 'Quarterly planning — 분기 계획', 7)] }));
    expect(store.meetings.get(PLANNING)!.counts.main).toBe(7);
    socket.push('diff', overviewDiff(15, 20, { remove: [STANDUP] }));
    expect([...store.meetings.keys()]).toEqual([PLANNING]);
    expect(socket.sent).toEqual([]);
  });

  it('resyncs from its position on a gap, ignores diffs until the replay, then continues from it', () => {
    const { store, socket } = connectedStore();
    socket.push('diff', overviewDiff(12, 13, { upsert: [summary(STANDUP, 'Standup équipe')] }));
    const [request] = socket.take();
    expect(request).toMatchObject({
      event: 'subscribe',
      request: { channel: 'overview', from: { epoch: EPOCH, seq: 10 } },
    });
    expect(store.staleSince).not.toBeNull();
    expect(store.meetings.has(STANDUP)).toBe(false);

    // in flight while the resync travels: already part of the replay
    socket.push('diff', overviewDiff(13, 16, { remove: [PLANNING] }));
    expect(store.meetings.has(PLANNING)).toBe(true);
    request!.reply({
      type: 'replay',
      channel: 'overview',
      key: null,
      epoch: EPOCH,
      seq: 16,
      prev: 10,
      diffs: [
        overviewDiff(10, 13, { upsert: [summary(STANDUP, 'Standup équipe')] }),
        overviewDiff(13, 16, { remove: [PLANNING] }),
      ],
    });
    expect([...store.meetings.keys()]).toEqual([STANDUP]);
    expect(store.staleSince).toBeNull();
    socket.push('diff', overviewDiff(16, 17, { upsert: [summary(PLANNING, 'Quarterly planning — 분기 계획')] }));
    expect(store.meetings.size).toBe(2);
    expect(socket.sent).toEqual([]);
  });

  it('takes a diff of another server run as a gap, and a snapshot replaces everything', () => {
    const { store, socket } = connectedStore();
    socket.push('diff', overviewDiff(10, 11, { upsert: [summary(STANDUP, 'Standup équipe')] }, REBOOTED));
    const [request] = socket.take();
    expect(request!.request).toEqual({ channel: 'overview', from: { epoch: EPOCH, seq: 10 } });
    request!.reply(overviewSnapshot(3, [summary(STANDUP, 'Standup équipe')], REBOOTED));
    expect([...store.meetings.keys()]).toEqual([STANDUP]);
    socket.push('diff', overviewDiff(3, 4, { remove: [STANDUP] }, REBOOTED));
    expect(store.meetings.size).toBe(0);
  });

  it('asks for a snapshot when a replay does not start where its state ends', () => {
    const { socket } = connectedStore();
    socket.push('diff', overviewDiff(11, 12, {}));
    socket.take()[0]!.reply({
      type: 'replay',
      channel: 'overview',
      key: null,
      epoch: EPOCH,
      seq: 12,
      prev: 11,
      diffs: [overviewDiff(11, 12, {})],
    });
    expect(socket.take().map((r) => r.request)).toEqual([{ channel: 'overview' }]);
  });

  it('reports reconnecting with stale data while away, and resumes from its position in the handshake', () => {
    const { store, socket, tick } = connectedStore();
    tick(4_000);
    socket.lose();
    socket.active = true;
    expect(store.connection).toBe('reconnecting');
    expect(store.staleSince).toBe(5_000);
    tick(2_000);
    expect(socket.accept()).toEqual({ resume: { overview: { epoch: EPOCH, seq: 10 } } });
    expect(store.staleSince).toBe(5_000);
    socket.push('sync', {
      type: 'replay',
      channel: 'overview',
      key: null,
      epoch: EPOCH,
      seq: 11,
      prev: 10,
      diffs: [overviewDiff(10, 11, { upsert: [summary(STANDUP, 'Standup équipe')] })],
    });
    expect(store.meetings.size).toBe(2);
    expect(store.connection).toBe('live');
    expect(store.staleSince).toBeNull();
  });

  it('goes offline with the reason when the server refuses the connection', () => {
    const factory = FakeLiveSocket.factory();
    const store = new LiveStore({ connect: factory.connect });
    factory.socket().refuse({ error: { code: 'unauthorized', message: 'sign in to the dashboard' } });
    expect(store.connection).toBe('offline');
    expect(store.problem).toEqual({ code: 'unauthorized', message: 'sign in to the dashboard' });
  });

  it('subscribes to every channel again, from its positions, when told it fell behind', () => {
    const { store, socket } = connectedStore();
    store.select(PLANNING);
    socket.take()[0]!.reply({
      type: 'snapshot',
      channel: 'meeting',
      key: PLANNING,
      epoch: EPOCH,
      seq: 12,
      data: detail(PLANNING, []),
    });
    socket.push('resync', { reason: 'overflow', message: 'more than 200 messages were waiting' });
    expect(socket.take().map((r) => r.request)).toEqual([
      { channel: 'overview', from: { epoch: EPOCH, seq: 10 } },
      { channel: 'meeting', key: PLANNING, from: { epoch: EPOCH, seq: 12 } },
    ]);
    expect(store.staleSince).not.toBeNull();
  });

  it('takes only the reply to its latest sync request', () => {
    const { store, socket } = connectedStore();
    socket.push('resync', { reason: 'overflow', message: 'more than 200 messages were waiting' });
    socket.push('resync', { reason: 'overflow', message: 'more than 200 messages were waiting' });
    const [first, second] = socket.take();
    first!.reply(overviewSnapshot(12, []));
    expect(store.meetings.size).toBe(1);
    expect(store.staleSince).not.toBeNull();
    second!.reply(overviewSnapshot(13, [summary(STANDUP, 'Standup équipe')]));
    expect([...store.meetings.keys()]).toEqual([STANDUP]);
    expect(store.staleSince).toBeNull();
  });

  it('is reactive: views reading it update after each diff', () => {
    const { store, socket } = connectedStore();
    const seen: number[] = [];
    const stop = $effect.root(() => {
      $effect(() => {
        seen.push(store.meetings.get(PLANNING)?.counts.main ?? -1);
      });
    });
    flushSync();
    socket.push('diff', overviewDiff(10, 11, { upsert: [summary(PLANNING, 'Quarterly planning — 분기 계획', 8)] }));
    flushSync();
    socket.push('diff', overviewDiff(11, 12, { remove: [PLANNING] }));
    flushSync();
    stop();
    expect(seen).toEqual([3, 8, -1]);
  });
});

describe('LiveStore: the selected meeting', () => {
  const ana = person('8F2C1D3E-5A6B-4C7D-9E0F-1A2B3C4D5E6F', 'Ana Lima');
  const minjun = person('0B1C2D3E-4F5A-6B7C-8D9E-0F1A2B3C4D5E', '김민준');

  function selected() {
    const { store, socket } = connectedStore();
    store.select(PLANNING);
    const [request] = socket.take();
    expect(request!.request).toEqual({ channel: 'meeting', key: PLANNING });
    request!.reply({
      type: 'snapshot',
      channel: 'meeting',
      key: PLANNING,
      epoch: EPOCH,
      seq: 11,
      data: detail(PLANNING, [ana, minjun]),
    });
    return { store, socket, meeting: store.meeting! };
  }

  it('applies participant diffs key by key, leaving the others untouched', () => {
    const { socket, meeting } = selected();
    const before = meeting.participants.get(minjun.key);
    socket.push('diff', meetingDiff(PLANNING, 11, 12, { upsert: [{ ...ana, location: 'breakout' }] }));
    expect(meeting.participants.get(ana.key)!.location).toBe('breakout');
    expect(meeting.participants.get(minjun.key)).toBe(before);
    socket.push('diff', meetingDiff(PLANNING, 12, 13, { remove: [ana.key] }));
    expect([...meeting.participants.keys()]).toEqual([minjun.key]);
    expect(meeting.toDetail()!.participants).toEqual([minjun]);
  });

  it('resyncs the meeting from its position on a gap', () => {
    const { socket } = selected();
    socket.push('diff', meetingDiff(PLANNING, 12, 13, {}));
    expect(socket.take().map((r) => r.request)).toEqual([
      { channel: 'meeting', key: PLANNING, from: { epoch: EPOCH, seq: 11 } },
    ]);
  });

  it('ignores the late reply and diffs of a meeting no longer selected', () => {
    const { store, socket } = connectedStore();
    store.select(PLANNING);
    const [planning] = socket.take();
    store.select(STANDUP);
    const [unsubscribe, standup] = socket.take();
    expect(unsubscribe!.event).toBe('unsubscribe');
    expect(unsubscribe!.request).toEqual({ channel: 'meeting', key: PLANNING });
    planning!.reply({
      type: 'snapshot',
      channel: 'meeting',
      key: PLANNING,
      epoch: EPOCH,
      seq: 11,
      data: detail(PLANNING, [ana]),
    });
    socket.push('diff', meetingDiff(PLANNING, 11, 12, { upsert: [minjun] }));
    expect(store.meeting!.uuid).toBe(STANDUP);
    expect(store.meeting!.participants.size).toBe(0);
    standup!.reply({
      type: 'snapshot',
      channel: 'meeting',
      key: STANDUP,
      epoch: EPOCH,
      seq: 13,
      data: detail(STANDUP, [minjun]),
    });
    expect([...store.meeting!.participants.keys()]).toEqual([minjun.key]);
    expect(store.staleSince).toBeNull();
  });

  it('keeps the reason when the server has no such meeting, without marking the data stale', () => {
    const { store, socket } = connectedStore();
    store.select(STANDUP);
    socket.take()[0]!.reply({ error: { code: 'meeting_not_found', message: `no meeting with uuid ${STANDUP}` } });
    expect(store.meeting!.error!.code).toBe('meeting_not_found');
    expect(store.staleSince).toBeNull();
  });

  it('subscribes again after a reconnection, from its position', () => {
    const { store, socket } = selected();
    socket.lose();
    store.select(PLANNING);
    expect(socket.sent).toEqual([]);
    socket.accept();
    expect(socket.take().map((r) => r.request)).toEqual([
      { channel: 'meeting', key: PLANNING, from: { epoch: EPOCH, seq: 11 } },
    ]);
  });
});
