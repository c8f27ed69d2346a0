import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { AlertChange, AlertView } from '../../../shared/alerts';
import type { Diff, MeetingChange, OverviewChange, Sync } from '../../../shared/realtime/protocol';
import type { MeetingDetail, MeetingSummary, ParticipantView } from '../../../shared/state';
import { LiveStore } from '../../../web/src/lib/live-store.svelte';
import { person as participant, qualityAlert, summary as meetingSummary } from '../../support/dashboard-fixtures';
import { FakeLiveSocket } from '../../support/fake-live-socket';

const EPOCH = '0d5a5c8e-4d53-4a4b-9f3c-2b0e8a1f7c61';
const REBOOTED = 'b41f6f0e-93a2-4c55-8d1e-7a9c3e2f5d10';
const PLANNING = 'tubFEWg9SAaVamwu6V0+kw==';
const STANDUP = 'kR/9x+e2QnWb3dYt1LmZ0A==';

const summary = (uuid: string, topic: string, main = 3): MeetingSummary =>
  meetingSummary(uuid, topic, { hostName: '박민지', counts: { main, breakout: 0, waiting: 0 } });

const person = (key: string, name: string, location: ParticipantView['location'] = 'main'): ParticipantView =>
  participant(key, name, { location });

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
  data: { upsert: [], patch: [], remove: [], ...data },
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

const alertsSnapshot = (seq: number, alerts: AlertView[], epoch = EPOCH): Sync => ({
  type: 'snapshot',
  channel: 'alerts',
  key: null,
  epoch,
  seq,
  data: alerts,
});

const alertsDiff = (prev: number, seq: number, changes: AlertChange[], epoch = EPOCH): Diff<'alerts'> => ({
  type: 'diff',
  channel: 'alerts',
  key: null,
  epoch,
  seq,
  prev,
  data: { changes },
});

const alert = (id: number, status: AlertView['status'] = 'open', resolvedAt: string | null = null): AlertView =>
  qualityAlert(id, PLANNING, {
    meetingTopic: 'Quarterly planning — 분기 계획',
    status,
    acknowledgedBy: status === 'open' ? null : 'ana.lima',
    acknowledgedAt: status === 'open' ? null : '2026-11-24T09:11:00.000Z',
    resolvedAt,
    resolvedReason: resolvedAt === null ? null : 'quiet',
  });

/** A store connected to a fake server that already sent an overview of one meeting at seq 10, and no alerts (seq 11). */
function connectedStore() {
  const factory = FakeLiveSocket.factory();
  let clock = 1_000;
  const store = new LiveStore({ connect: factory.connect, now: () => clock });
  const socket = factory.socket();
  socket.accept();
  socket.push('sync', overviewSnapshot(10, [summary(PLANNING, 'Quarterly planning — 분기 계획')]));
  socket.push('sync', alertsSnapshot(11, []));
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
    expect(store.staleSince).toBe(500);
    socket.push('sync', alertsSnapshot(11, []));
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

  it('applies patches onto the summaries it holds, and tells listeners the whole summaries', () => {
    const { store, socket } = connectedStore();
    const changes: { upsert: MeetingSummary[]; remove: string[] }[] = [];
    store.onMeetingsChange((change) => changes.push(change));
    const held = store.meetings.get(PLANNING)!;
    const joined = { main: 4, breakout: 0, waiting: 1 };
    socket.push(
      'diff',
      overviewDiff(10, 12, {
        upsert: [summary(STANDUP, 'Standup équipe')],
        patch: [{ uuid: PLANNING, counts: joined, lastEventAt: '2026-11-24T09:12:00.000Z' }],
      }),
    );
    const patched = { ...held, counts: joined, lastEventAt: '2026-11-24T09:12:00.000Z' };
    expect(store.meetings.get(PLANNING)).toEqual(patched);
    expect(held.counts.main).toBe(3);
    expect(changes).toEqual([{ upsert: [summary(STANDUP, 'Standup équipe'), patched], remove: [] }]);
    socket.push('diff', overviewDiff(12, 13, { patch: [{ uuid: PLANNING, recording: true }] }));
    expect(store.meetings.get(PLANNING)).toEqual({ ...patched, recording: true });
    expect(socket.sent).toEqual([]);
  });

  it('asks for a snapshot when a patch is for a meeting it does not hold', () => {
    const { store, socket } = connectedStore();
    socket.push('diff', overviewDiff(10, 12, { patch: [{ uuid: STANDUP, recording: true }] }));
    const [request] = socket.take();
    // its position says nothing about a state that went wrong: diffs from there would not mend it
    expect(request!.request).toEqual({ channel: 'overview' });
    expect(store.staleSince).not.toBeNull();
    request!.reply(overviewSnapshot(12, [summary(STANDUP, 'Standup équipe')]));
    expect([...store.meetings.keys()]).toEqual([STANDUP]);
    expect(store.staleSince).toBeNull();
  });

  it('reports reconnecting with stale data while away, and resumes from its position in the handshake', () => {
    const { store, socket, tick } = connectedStore();
    tick(4_000);
    socket.lose();
    socket.active = true;
    expect(store.connection).toBe('reconnecting');
    expect(store.staleSince).toBe(5_000);
    tick(2_000);
    expect(socket.accept()).toEqual({
      resume: { overview: { epoch: EPOCH, seq: 10 }, alerts: { epoch: EPOCH, seq: 11 } },
    });
    expect(store.staleSince).toBe(5_000);
    socket.push('sync', {
      type: 'replay',
      channel: 'overview',
      key: null,
      epoch: EPOCH,
      seq: 12,
      prev: 10,
      diffs: [overviewDiff(10, 12, { upsert: [summary(STANDUP, 'Standup équipe')] })],
    });
    expect(store.meetings.size).toBe(2);
    expect(store.staleSince).toBe(5_000);
    socket.push('sync', { type: 'replay', channel: 'alerts', key: null, epoch: EPOCH, seq: 11, prev: 11, diffs: [] });
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
      { channel: 'alerts', from: { epoch: EPOCH, seq: 11 } },
      { channel: 'meeting', key: PLANNING, from: { epoch: EPOCH, seq: 12 } },
    ]);
    expect(store.staleSince).not.toBeNull();
  });

  it('takes only the reply to its latest sync request', () => {
    const { store, socket } = connectedStore();
    socket.push('resync', { reason: 'overflow', message: 'more than 200 messages were waiting' });
    socket.push('resync', { reason: 'overflow', message: 'more than 200 messages were waiting' });
    const [first, firstAlerts, second, secondAlerts] = socket.take();
    first!.reply(overviewSnapshot(12, []));
    firstAlerts!.reply(alertsSnapshot(13, [alert(1)]));
    expect(store.meetings.size).toBe(1);
    expect(store.alerts.size).toBe(0);
    expect(store.staleSince).not.toBeNull();
    second!.reply(overviewSnapshot(14, [summary(STANDUP, 'Standup équipe')]));
    secondAlerts!.reply(alertsSnapshot(15, [alert(2)]));
    expect([...store.meetings.keys()]).toEqual([STANDUP]);
    expect([...store.alerts.keys()]).toEqual([2]);
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

describe('LiveStore: alerts', () => {
  it('holds the alerts of the snapshot without announcing them, then applies and announces each live change in order', () => {
    const factory = FakeLiveSocket.factory();
    let clock = Date.parse('2026-11-24T09:30:00Z');
    const store = new LiveStore({ connect: factory.connect, now: () => clock });
    const announced: string[] = [];
    store.onAlertChange((c) => announced.push(`${c.change} ${c.alert.id} ${c.alert.status}`));
    const socket = factory.socket();
    socket.accept();
    socket.push('sync', overviewSnapshot(10, []));
    socket.push('sync', alertsSnapshot(11, [alert(1), alert(2, 'acknowledged')]));
    expect([...store.alerts.keys()]).toEqual([1, 2]);
    expect(announced).toEqual([]);

    socket.push(
      'diff',
      alertsDiff(11, 12, [
        { change: 'opened', alert: alert(3) },
        { change: 'acknowledged', alert: alert(1, 'acknowledged') },
        { change: 'resolved', alert: alert(2, 'resolved', '2026-11-24T09:29:00.000Z') },
      ]),
    );
    expect(announced).toEqual(['opened 3 open', 'acknowledged 1 acknowledged', 'resolved 2 resolved']);
    expect(store.alerts.get(1)!.status).toBe('acknowledged');
    expect(store.alerts.get(2)!.status).toBe('resolved');

    // resolved alerts are kept for an hour, then forgotten
    clock += 3_600_000;
    socket.push('diff', alertsDiff(12, 13, [{ change: 'repeated', alert: { ...alert(3), count: 2 } }]));
    expect([...store.alerts.keys()].sort()).toEqual([1, 3]);
    expect(store.alerts.get(3)!.count).toBe(2);
  });

  it('resyncs the alerts on a gap, and does not announce what a snapshot brings', () => {
    const { store, socket } = connectedStore();
    const announced: number[] = [];
    const stop = store.onAlertChange((c) => announced.push(c.alert.id));
    socket.push('diff', alertsDiff(12, 14, [{ change: 'opened', alert: alert(7) }]));
    const [request] = socket.take();
    expect(request!.request).toEqual({ channel: 'alerts', from: { epoch: EPOCH, seq: 11 } });
    request!.reply(alertsSnapshot(14, [alert(7)]));
    expect([...store.alerts.keys()]).toEqual([7]);
    expect(announced).toEqual([]);
    stop();
    socket.push('diff', alertsDiff(14, 15, [{ change: 'opened', alert: alert(8) }]));
    expect(store.alerts.has(8)).toBe(true);
    expect(announced).toEqual([]);
  });
});

describe('LiveStore: user text', () => {
  it('drops bidi overrides and isolates from every string it receives, so no name reorders a view', () => {
    const { store, socket } = connectedStore();
    // built from code points: the Svelte compiler warns about bidi characters in its output
    const [RLO, LRI, PDI] = [0x202e, 0x2066, 0x2069].map((c) => String.fromCharCode(c));
    const share = {
      participantKey: 'k1',
      participantName: `Ana${RLO} Lima`,
      content: 'desktop',
      breakoutRoomUuid: null,
      startedAt: '2026-11-24T09:10:00.000Z',
    };
    socket.push(
      'diff',
      overviewDiff(10, 12, { upsert: [{ ...summary(STANDUP, `Standup ${RLO}gnp.exe`, 2), sharing: [share] }] }),
    );
    socket.push(
      'diff',
      alertsDiff(11, 13, [{ change: 'opened', alert: { ...alert(9), title: `x${LRI}y${PDI}${RLO}` } }]),
    );
    const meeting = store.meetings.get(STANDUP)!;
    expect(meeting.topic).toBe('Standup gnp.exe');
    expect(meeting.sharing[0]!.participantName).toBe('Ana Lima');
    expect(store.alerts.get(9)!.title).toBe('xy');
  });
});
