import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Traffic, type SimEvent, type ZoomBody } from '../../../server/demo/simulator';
import { zoomEventSchemas } from '../../../shared/zoom/events.generated';

type Loose = Record<string, unknown>;

const objectOf = (body: ZoomBody) => body.payload.object;
const participantOf = (body: ZoomBody) => (objectOf(body).participant ?? {}) as Loose;
/** participant-level time of an event, ms */
const personTime = (body: ZoomBody): number | null => {
  const p = participantOf(body);
  const iso = p.join_time ?? p.leave_time ?? p.date_time ?? (p.sharing_details as Loose | undefined)?.date_time;
  return typeof iso === 'string' ? Date.parse(iso) : null;
};

/** two simulated hours of busy traffic, shared by the tests that only read it */
const traffic = new Traffic({ seed: 2026, rate: 3 });
const stream: SimEvent[] = [...traffic.advanceTo(traffic.now + 2 * 3_600_000), ...traffic.flush()];
/** each body once (a few are delivered twice, see the last test) */
const bodies = stream.filter((e) => !e.redelivery).map((e) => e.body);
const named = (name: string) => bodies.filter((b) => b.event === name);

describe('Traffic: determinism', () => {
  const start = Date.UTC(2026, 10, 24, 9, 0, 0);

  it('gives the same stream for the same seed and start, and another for another seed', () => {
    const a = new Traffic({ seed: 7, start }).take(3_000);
    const b = new Traffic({ seed: 7, start }).take(3_000);
    const c = new Traffic({ seed: 8, start }).take(3_000);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
    expect(new Set(c.map((e) => e.body.payload.object.uuid))).not.toEqual(
      new Set(a.map((e) => e.body.payload.object.uuid)),
    );
  });

  it('does not depend on how the stream is read: small advances give what one take gives', () => {
    const chunked = new Traffic({ seed: 9, start, rate: 2 });
    const read: SimEvent[] = [];
    for (let t = start; read.length < 2_000; t += 7_000) read.push(...chunked.advanceTo(t));
    const once = new Traffic({ seed: 9, start, rate: 2 }).take(2_000);
    expect(JSON.stringify(read.slice(0, 2_000))).toBe(JSON.stringify(once));
  });

  it('moves with its start time and nothing else', () => {
    const early = new Traffic({ seed: 3, start }).take(500);
    const later = new Traffic({ seed: 3, start: start + 86_400_000 }).take(500);
    expect(later.map((e) => e.at - 86_400_000)).toEqual(early.map((e) => e.at));
    expect(later.map((e) => e.body.event)).toEqual(early.map((e) => e.body.event));
  });

  it('take(n) hands out exactly n deliveries, and the next call continues the stream', () => {
    const source = new Traffic({ seed: 11, start });
    const first = source.take(100);
    const next = source.take(50);
    expect(first).toHaveLength(100);
    expect(next).toHaveLength(50);
    expect(JSON.stringify([...first, ...next])).toBe(JSON.stringify(new Traffic({ seed: 11, start }).take(150)));
  });

  it('refuses a rate that is not a positive number', () => {
    for (const rate of [0, -1, Number.NaN, Infinity]) expect(() => new Traffic({ seed: 1, rate })).toThrow(/rate/);
  });
});

describe('Traffic: every body is a valid Zoom webhook', () => {
  it('produces a long, varied stream', () => {
    expect(stream.length).toBeGreaterThan(5_000);
    expect(new Set(bodies.map((b) => b.event)).size).toBeGreaterThanOrEqual(30);
  });

  it('validates every body against the generated schemas', () => {
    const failures = bodies
      .map((body) => ({ body, result: zoomEventSchemas[body.event].safeParse(body) }))
      .filter((r) => !r.result.success);
    expect(failures.map((f) => f.body.event)).toEqual([]);
  });

  it('gives every field the JSON type the spec gives it, the meeting number included', () => {
    interface SpecField {
      name: string;
      required: boolean;
      type: string;
      children?: SpecField[];
    }
    const spec = JSON.parse(readFileSync(new URL('../../fixtures/spec-fields.json', import.meta.url), 'utf8')) as {
      event: string;
      fields: SpecField[];
    }[];
    const fieldsOf = new Map(spec.map((e) => [e.event, e.fields]));
    const problems = new Set<string>();
    const typeOk: Record<string, (v: unknown) => boolean> = {
      string: (v) => typeof v === 'string',
      integer: (v) => Number.isInteger(v),
      number: (v) => typeof v === 'number',
      boolean: (v) => typeof v === 'boolean',
      array: Array.isArray,
      object: (v) => v !== null && typeof v === 'object' && !Array.isArray(v),
    };
    // as in the real captures: Zoom adds the addresses and leaves out the host_email of meeting.started/ended
    const extra = new Set(['public_ip', 'private_ip']);
    const missingAsCaptured = new Set(['meeting.started.host_email', 'meeting.ended.host_email']);
    const check = (event: string, fields: SpecField[], value: Loose, path: string) => {
      for (const field of fields) {
        const v = value[field.name];
        if (v === undefined) {
          if (field.required && !missingAsCaptured.has(`${event}.${field.name}`))
            problems.add(`${event}: ${path}${field.name} missing`);
        } else if (!typeOk[field.type]!(v)) problems.add(`${event}: ${path}${field.name} is not ${field.type}`);
        else if (field.type === 'object' && field.children)
          check(event, field.children, v as Loose, `${path}${field.name}.`);
      }
      const known = new Set(fields.map((f) => f.name));
      for (const key of Object.keys(value)) {
        if (!known.has(key) && !extra.has(key)) problems.add(`${event}: ${path}${key} is not in the spec`);
      }
    };
    for (const body of bodies) check(body.event, fieldsOf.get(body.event)!, body as unknown as Loose, '');
    expect([...problems]).toEqual([]);
    expect(typeof objectOf(named('recording.started')[0]!).id).toBe('number');
    expect(typeof objectOf(named('meeting.participant_joined')[0]!).id).toBe('string');
  });

  it('uses base64 meeting UUIDs (with + and / among them), GUID participant UUIDs and numeric user_ids', () => {
    const uuids = new Set(bodies.map((b) => objectOf(b).uuid as string));
    for (const uuid of uuids) expect(uuid).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect([...uuids].some((u) => u.includes('/'))).toBe(true);
    expect([...uuids].some((u) => u.includes('+'))).toBe(true);
    for (const body of named('meeting.participant_joined')) {
      const p = participantOf(body);
      expect(p.participant_uuid).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
      expect(p.user_id).toMatch(/^\d+$/);
      expect(p.join_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
  });

  it('names people in several scripts; guests have empty ids and emails, signed-in users have both, callers a phone', () => {
    const joins = [...named('meeting.participant_joined'), ...named('webinar.participant_joined')].map(participantOf);
    const names = joins.map((p) => p.user_name as string);
    expect(names.some((n) => /\p{Script=Hangul}/u.test(n))).toBe(true);
    expect(names.some((n) => /[À-ž]/u.test(n))).toBe(true);
    expect(names.some((n) => /\p{Extended_Pictographic}/u.test(n))).toBe(true);
    const guests = joins.filter((p) => p.email === '');
    const signedIn = joins.filter((p) => p.email !== '');
    expect(guests.length).toBeGreaterThan(signedIn.length / 2);
    for (const p of guests) expect([p.id, p.participant_user_id]).toEqual(['', '']);
    for (const p of signedIn) {
      expect(p.email).toMatch(/^[a-z.]+@[a-z.]+$/);
      expect(p.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(p.participant_user_id).toBe(p.id);
    }
    expect(joins.some((p) => typeof p.phone_number === 'string' && /^\d{10,13}$/.test(p.phone_number))).toBe(true);
  });

  it('lets some attendees go by their device, never a host (their name comes from their Zoom profile)', () => {
    const device = /iPhone|Galaxy|iPad|Conference Room|MacBook/;
    const joins = [...named('meeting.participant_joined'), ...named('webinar.participant_joined')];
    const isHost = (body: ZoomBody) => participantOf(body).id === objectOf(body).host_id;
    const hosts = joins.filter(isHost).map((b) => participantOf(b).user_name as string);
    const others = joins.filter((b) => !isHost(b)).map((b) => participantOf(b).user_name as string);
    expect(hosts.length).toBeGreaterThan(50);
    expect(hosts.filter((name) => device.test(name))).toEqual([]);
    expect(others.some((name) => device.test(name))).toBe(true);
  });
});

describe('Traffic: the delivery facts of the captures', () => {
  it('delivers in `at` order, each event stamped after its participant time and delivered after its event_ts', () => {
    for (let i = 1; i < stream.length; i++) expect(stream[i]!.at).toBeGreaterThanOrEqual(stream[i - 1]!.at);
    for (const { at, body } of stream) {
      expect(at).toBeGreaterThan(body.event_ts);
      const t = personTime(body);
      if (t !== null) expect(body.event_ts).toBeGreaterThanOrEqual(t);
    }
  });

  it('keeps participant times non-decreasing per connection, in event_ts order', () => {
    const byConnection = new Map<string, ZoomBody[]>();
    for (const body of bodies) {
      const key = participantOf(body).participant_uuid;
      if (typeof key === 'string') byConnection.set(key, [...(byConnection.get(key) ?? []), body]);
    }
    expect(byConnection.size).toBeGreaterThan(500);
    for (const events of byConnection.values()) {
      const times = events.sort((a, b) => a.event_ts - b.event_ts).map(personTime);
      for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]!);
    }
  });

  it('moves people into breakout rooms as Zoom does: left + joined + joined_breakout_room, one second, new user_id', () => {
    const moves = named('meeting.participant_joined_breakout_room');
    expect(moves.length).toBeGreaterThan(50);
    for (const move of moves) {
      const p = participantOf(move);
      const related = bodies.filter(
        (b) => participantOf(b).participant_uuid === p.participant_uuid && personTime(b) === personTime(move),
      );
      const joined = related.find((b) => b.event === 'meeting.participant_joined')!;
      const left = related.find((b) => b.event === 'meeting.participant_left')!;
      expect(participantOf(joined).user_id).toBe(p.user_id);
      expect(participantOf(left).user_id).not.toBe(p.user_id);
      expect(participantOf(left).leave_reason).toBe(
        `${p.user_name as string} left the meeting. Reason : left the meeting to join breakout room`,
      );
      expect(Math.abs(joined.event_ts - left.event_ts)).toBeLessThan(1_000);
      expect(objectOf(move).breakout_room_uuid).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      // parent_user_id is the main-room user_id: the leaving one, or the one before when moving room to room
      const fromRoom = related.find((b) => b.event === 'meeting.participant_left_breakout_room');
      if (fromRoom) expect(participantOf(fromRoom).parent_user_id).toBe(p.parent_user_id);
      else expect(p.parent_user_id).toBe(participantOf(left).user_id);
    }
    const sameUuidOtherUser = moves.some((move) => {
      const p = participantOf(move);
      return named('meeting.participant_joined').some(
        (b) =>
          participantOf(b).participant_uuid === p.participant_uuid && participantOf(b).user_id === p.parent_user_id,
      );
    });
    expect(sameUuidOtherUser).toBe(true);
  });

  it('delivers the events of one move in either order', () => {
    let leaveFirst = 0;
    let joinFirst = 0;
    const position = new Map(bodies.map((b, i) => [b, i]));
    for (const move of named('meeting.participant_joined_breakout_room')) {
      const p = participantOf(move);
      const left = bodies.find(
        (b) =>
          b.event === 'meeting.participant_left' &&
          participantOf(b).participant_uuid === p.participant_uuid &&
          personTime(b) === personTime(move),
      )!;
      if (position.get(left)! < position.get(move)!) leaveFirst++;
      else joinFirst++;
    }
    expect(leaveFirst).toBeGreaterThan(0);
    expect(joinFirst).toBeGreaterThan(0);
  });

  it('brings people back to the main room with left_breakout_room + left "...to join main meeting" + joined', () => {
    const returns = named('meeting.participant_left').filter((b) =>
      String(participantOf(b).leave_reason).endsWith('left the meeting leave breakout room to join main meeting'),
    );
    expect(returns.length).toBeGreaterThan(20);
    for (const back of returns) {
      const p = participantOf(back);
      const related = bodies.filter(
        (b) => participantOf(b).participant_uuid === p.participant_uuid && personTime(b) === personTime(back),
      );
      expect(related.map((b) => b.event).sort()).toEqual(
        expect.arrayContaining(['meeting.participant_joined', 'meeting.participant_left_breakout_room']),
      );
      const joined = related.find((b) => b.event === 'meeting.participant_joined')!;
      expect(participantOf(joined).user_id).not.toBe(p.user_id);
      expect(Number(participantOf(joined).user_id) >> 24).toBe(1);
    }
  });

  it('runs waiting rooms: joined_waiting_room, admitted, left_waiting_room, joined; some are put back', () => {
    const admitted = named('meeting.participant_admitted');
    expect(admitted.length).toBeGreaterThan(10);
    for (const admission of admitted) {
      const uuid = participantOf(admission).participant_uuid;
      const events = bodies
        .filter((b) => participantOf(b).participant_uuid === uuid && personTime(b) === personTime(admission))
        .map((b) => b.event);
      expect(events).toEqual(
        expect.arrayContaining(['meeting.participant_left_waiting_room', 'meeting.participant_joined']),
      );
      expect(bodies.some((b) => b.event.endsWith('_waiting_room') && participantOf(b).participant_uuid === uuid)).toBe(
        true,
      );
    }
    expect(named('meeting.participant_put_in_waiting_room').length).toBeGreaterThan(0);
  });

  it('lets people wait for a late host: jbh_waiting before meeting.started, jbh_joined once the host is in', () => {
    const waitedFor = new Set(named('meeting.participant_jbh_waiting').map((b) => objectOf(b).uuid));
    const of = (uuid: unknown, name: string) => named(name).filter((b) => objectOf(b).uuid === uuid);
    // the stream may end before the last late host arrives
    const started = [...waitedFor].filter((uuid) => of(uuid, 'meeting.started').length > 0);
    expect(started.length).toBeGreaterThan(0);
    for (const uuid of started) {
      const firstWait = Math.min(...of(uuid, 'meeting.participant_jbh_waiting').map((b) => b.event_ts));
      expect(of(uuid, 'meeting.started')).toHaveLength(1);
      expect(of(uuid, 'meeting.started')[0]!.event_ts).toBeGreaterThan(firstWait);
      const resolved =
        of(uuid, 'meeting.participant_jbh_joined').length + of(uuid, 'meeting.participant_jbh_waiting_left').length;
      expect(resolved).toBe(of(uuid, 'meeting.participant_jbh_waiting').length);
    }
  });

  it('reconnects people: "got disconnected", then a new connection with another participant_uuid', () => {
    const drops = named('meeting.participant_left').filter((b) =>
      String(participantOf(b).leave_reason).endsWith('got disconnected from the meeting. Reason : Client Close.'),
    );
    expect(drops.length).toBeGreaterThan(5);
    const rejoined = drops.filter((drop) => {
      const p = participantOf(drop);
      return named('meeting.participant_joined').some(
        (b) =>
          objectOf(b).uuid === objectOf(drop).uuid &&
          participantOf(b).user_name === p.user_name &&
          participantOf(b).participant_uuid !== p.participant_uuid &&
          personTime(b)! > personTime(drop)!,
      );
    });
    expect(rejoined.length).toBeGreaterThan(0);
  });

  it('renews connections in place: a plain leave and a join of a new user_id, one participant_uuid, one second', () => {
    const plain = named('meeting.participant_left').filter((b) =>
      String(participantOf(b).leave_reason).endsWith('Reason : left the meeting'),
    );
    const renewals = plain.filter((left) =>
      named('meeting.participant_joined').some(
        (b) =>
          participantOf(b).participant_uuid === participantOf(left).participant_uuid &&
          personTime(b) === personTime(left),
      ),
    );
    expect(renewals.length).toBeGreaterThan(20);
    for (const left of renewals) {
      const joined = named('meeting.participant_joined').find(
        (b) =>
          participantOf(b).participant_uuid === participantOf(left).participant_uuid &&
          personTime(b) === personTime(left),
      )!;
      expect(participantOf(joined).user_id).not.toBe(participantOf(left).user_id);
      expect(Number(participantOf(joined).user_id) >> 24).toBe(1);
    }
  });

  it('ends meetings: everyone leaves ("Host ended the meeting."), some leaves stamped after meeting.ended', () => {
    const ended = named('meeting.ended');
    expect(ended.length).toBeGreaterThan(5);
    let leavesAfterEnd = 0;
    for (const end of ended) {
      const uuid = objectOf(end).uuid;
      const endLeaves = named('meeting.participant_left').filter(
        (b) =>
          objectOf(b).uuid === uuid &&
          String(participantOf(b).leave_reason).endsWith('Reason : Host ended the meeting.'),
      );
      expect(endLeaves.length).toBeGreaterThan(0);
      leavesAfterEnd += endLeaves.filter((b) => b.event_ts > end.event_ts).length;
      expect(objectOf(end).end_time).toMatch(/Z$/);
    }
    expect(leavesAfterEnd).toBeGreaterThan(0);
    const started = new Set(named('meeting.started').map((b) => objectOf(b).uuid));
    expect(started.size).toBeGreaterThan(ended.length);
  });

  it('runs a webinar: started, attendees join and leave, roles, sharing, alerts, ended', () => {
    for (const name of [
      'webinar.started',
      'webinar.participant_joined',
      'webinar.participant_left',
      'webinar.participant_role_changed',
      'webinar.sharing_started',
      'webinar.sharing_ended',
      'webinar.alert',
      'webinar.ended',
    ]) {
      expect(named(name).length, name).toBeGreaterThan(0);
    }
    for (const body of named('webinar.started')) expect([5, 6, 9]).toContain(objectOf(body).type);
  });

  it('has roles, sharing in rooms, recording, live streaming, quality and at-risk alerts', () => {
    for (const name of [
      'meeting.participant_role_changed',
      'meeting.sharing_started',
      'meeting.breakout_room_sharing_started',
      'recording.started',
      'recording.paused',
      'recording.resumed',
      'recording.stopped',
      'meeting.live_streaming_started',
      'meeting.alert',
      'meeting.risk_alert',
    ]) {
      expect(named(name).length, name).toBeGreaterThan(0);
    }
    expect(named('meeting.participant_role_changed').some((b) => participantOf(b).new_role === 'co-host')).toBe(true);
    const contents = new Set(
      named('meeting.sharing_started').map((b) => (participantOf(b).sharing_details as Loose).content),
    );
    expect(contents.size).toBeGreaterThanOrEqual(3);
    const risk = objectOf(named('meeting.risk_alert')[0]!).armn_details as Loose;
    expect(risk.recommended_enable_settings).toEqual(expect.arrayContaining([expect.stringMatching(/^enable/)]));
  });

  it('redelivers a few bodies, like Zoom does at least once', () => {
    const again = stream.filter((e) => e.redelivery);
    expect(again.length).toBeGreaterThan(0);
    for (const { body, at } of again) {
      const first = stream.filter((e) => e.body === body && !e.redelivery);
      expect(first).toHaveLength(1);
      expect(first[0]!.at).toBeLessThan(at);
    }
  });
});

describe('Traffic: finite streams and other options', () => {
  it('end() ends every meeting and webinar, late hosts included, and nothing follows', () => {
    const traffic = new Traffic({ seed: 12, meetings: 6, webinars: 2, rate: 2 });
    const events = [...traffic.take(3_000)];
    traffic.end();
    events.push(...traffic.flush());
    expect(traffic.take(100)).toEqual([]);
    expect(traffic.flush()).toEqual([]);
    const expected = traffic.expected();
    expect(expected.length).toBeGreaterThan(8);
    expect(expected.every((m) => m.status === 'ended' && m.participants.length === 0)).toBe(true);
    const uuidsOf = (...names: string[]) =>
      events.filter((e) => names.includes(e.body.event)).map((e) => e.body.payload.object.uuid as string);
    expect(uuidsOf('meeting.ended', 'webinar.ended').sort()).toEqual(
      uuidsOf('meeting.started', 'webinar.started').sort(),
    );
  });

  it('reports the share of breakout room moves it is told with their breakout room events', () => {
    const moves = (breakoutEvents: number) => {
      const traffic = new Traffic({ seed: 13, rate: 3, breakoutEvents });
      const events = [...traffic.take(6_000), ...traffic.flush()].filter((e) => !e.redelivery).map((e) => e.body);
      const toRooms = events.filter(
        (b) =>
          b.event === 'meeting.participant_left' &&
          String(participantOf(b).leave_reason).endsWith('left the meeting to join breakout room'),
      );
      const announced = events.filter((b) => b.event === 'meeting.participant_joined_breakout_room');
      return { toRooms: toRooms.length, announced: announced.length };
    };
    const none = moves(0);
    expect(none.toRooms).toBeGreaterThan(20);
    expect(none.announced).toBe(0);
    const some = moves(0.5);
    expect(some.announced).toBeGreaterThan(some.toRooms * 0.3);
    expect(some.announced).toBeLessThan(some.toRooms * 0.7);
    const all = moves(1);
    expect(all.announced).toBe(all.toRooms);
  });

  it('has hosts hand the host role over: the new host up, the previous one down, at the same second', () => {
    const handOvers = named('meeting.participant_role_changed').filter((b) => participantOf(b).new_role === 'host');
    expect(handOvers.length).toBeGreaterThan(0);
    for (const handOver of handOvers) {
      const stepDown = named('meeting.participant_role_changed').find(
        (b) =>
          objectOf(b).uuid === objectOf(handOver).uuid &&
          personTime(b) === personTime(handOver) &&
          participantOf(b).old_role === 'host',
      );
      expect(stepDown && participantOf(stepDown).new_role).toBe('attendee');
    }
  });
});
