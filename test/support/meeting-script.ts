/**
 * Scripted stories of one meeting instance, delivered the way Zoom really delivers them (see
 * test/fixtures/zoom-captures-2026-04.ndjson): every connection segment gets a new numeric user_id,
 * participant_uuid stays for the whole instance, a breakout move is a participant_left whose reason
 * names the move plus a join stamped with the same second, event_ts a few ms apart.
 */
type Body = Record<string, unknown> & { event: string; event_ts: number };

export interface Person {
  name: string;
  participantUuid: string;
  email: string;
  zoomUserId: string;
  phone?: string;
  /** current meeting user_id (new on every move and rejoin) */
  userId: string | null;
}

export interface ScriptOptions {
  uuid: string;
  id?: string | number;
  topic?: string;
  hostId?: string;
  accountId?: string;
  /** ms of t=0 */
  start?: number;
  duration?: number;
  kind?: 'meeting' | 'webinar';
}

const isoSeconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

export class MeetingScript {
  readonly events: Body[] = [];
  readonly uuid: string;
  private readonly options: Required<ScriptOptions>;
  private nextUserId = 16_778_240;
  private nextGuid = 1;

  constructor(options: ScriptOptions) {
    this.options = {
      id: '85746065432',
      topic: 'Quarterly planning',
      hostId: 'KdYKjnimT4KPd8FFgQt9FQ',
      accountId: 'EabCdEfGhIjKlMnOpQrStU',
      start: Date.UTC(2026, 10, 24, 9, 0, 0),
      duration: 60,
      kind: 'meeting',
      ...options,
    };
    this.uuid = options.uuid;
  }

  /** ms at t seconds after the start, plus a few ms of delivery jitter */
  at(t: number, jitterMs = 0): number {
    return this.options.start + t * 1000 + 2_000 + jitterMs;
  }

  person(name: string, extra: { email?: string; signedIn?: boolean; phone?: string; host?: boolean } = {}): Person {
    const n = this.nextGuid++;
    const hex = n.toString(16).toUpperCase().padStart(8, '0');
    return {
      name,
      participantUuid: `${hex}-D51D-137B-20AF-64D77D0CE70D`,
      email: extra.email ?? '',
      zoomUserId: extra.host ? this.options.hostId : extra.signedIn ? `uSr${hex}xQ9kLmN2pRtVw` : '',
      phone: extra.phone,
      userId: null,
    };
  }

  private object(extra: Record<string, unknown> = {}): Record<string, unknown> {
    const o = this.options;
    return {
      uuid: this.uuid,
      id: o.id,
      host_id: o.hostId,
      topic: o.topic,
      type: o.kind === 'webinar' ? 5 : 2,
      start_time: isoSeconds(o.start),
      timezone: 'Europe/Berlin',
      duration: o.duration,
      ...extra,
    };
  }

  private push(
    event: string,
    ts: number,
    object: Record<string, unknown>,
    payload: Record<string, unknown> = {},
  ): Body {
    const body: Body = {
      event,
      event_ts: ts,
      payload: { account_id: this.options.accountId, ...payload, object },
    };
    this.events.push(body);
    return body;
  }

  private prefix(): string {
    return this.options.kind;
  }

  private participant(p: Person, extra: Record<string, unknown>): Record<string, unknown> {
    return {
      user_id: p.userId ?? '',
      user_name: p.name,
      participant_uuid: p.participantUuid,
      participant_user_id: p.zoomUserId,
      id: p.zoomUserId,
      email: p.email,
      registrant_id: '',
      ...(p.phone ? { phone_number: p.phone } : {}),
      ...extra,
    };
  }

  private newSegment(p: Person): string {
    p.userId = String(this.nextUserId);
    this.nextUserId += 1024;
    return p.userId;
  }

  started(t: number): Body {
    return this.push(`${this.prefix()}.started`, this.at(t), this.object());
  }

  ended(t: number): Body {
    return this.push(
      `${this.prefix()}.ended`,
      this.at(t),
      this.object({ end_time: isoSeconds(this.options.start + t * 1000) }),
    );
  }

  join(p: Person, t: number, jitterMs = 40): Body {
    this.newSegment(p);
    const time = isoSeconds(this.options.start + t * 1000);
    return this.push(
      `${this.prefix()}.participant_joined`,
      this.at(t, jitterMs),
      this.object({ participant: this.participant(p, { join_time: time }) }),
    );
  }

  leave(p: Person, t: number, reason = `${p.name} left the meeting. Reason : left the meeting`, jitterMs = 0): Body {
    const time = isoSeconds(this.options.start + t * 1000);
    return this.push(
      `${this.prefix()}.participant_left`,
      this.at(t, jitterMs),
      this.object({ participant: this.participant(p, { leave_time: time, leave_reason: reason }) }),
    );
  }

  /** Zoom's shape of a move into a breakout room: leave (reason), plain join and breakout join. */
  moveToBreakout(p: Person, roomUuid: string, t: number, options: { explicit?: boolean } = {}): Body[] {
    const leave = this.leave(p, t, `${p.name} left the meeting. Reason : left the meeting to join breakout room`);
    const parent = p.userId;
    const join = this.join(p, t, 47);
    const out = [leave, join];
    if (options.explicit !== false) {
      const time = isoSeconds(this.options.start + t * 1000);
      out.push(
        this.push(
          'meeting.participant_joined_breakout_room',
          this.at(t, 52),
          this.object({
            breakout_room_uuid: roomUuid,
            participant: this.participant(p, { join_time: time, parent_user_id: parent }),
          }),
        ),
      );
    }
    return out;
  }

  leaveBreakout(
    p: Person,
    roomUuid: string,
    t: number,
    reason = `${p.name} left the meeting. Reason : left the meeting`,
  ): Body {
    const time = isoSeconds(this.options.start + t * 1000);
    return this.push(
      'meeting.participant_left_breakout_room',
      this.at(t, 3),
      this.object({
        breakout_room_uuid: roomUuid,
        participant: this.participant(p, { leave_time: time, leave_reason: reason }),
      }),
    );
  }

  returnToMain(p: Person, roomUuid: string, t: number): Body[] {
    const left = this.leaveBreakout(p, roomUuid, t);
    const leave = this.leave(
      p,
      t,
      `${p.name} left the meeting. Reason : left the meeting leave breakout room to join main meeting`,
      5,
    );
    const join = this.join(p, t, 48);
    return [left, leave, join];
  }

  private waitingEvent(event: string, p: Person, t: number, jitterMs = 0): Body {
    const time = isoSeconds(this.options.start + t * 1000);
    return this.push(
      `meeting.${event}`,
      this.at(t, jitterMs),
      this.object({ participant: this.participant(p, { date_time: time }) }),
    );
  }

  enterWaitingRoom(p: Person, t: number): Body {
    this.newSegment(p);
    return this.waitingEvent('participant_joined_waiting_room', p, t);
  }

  /** host admits: admitted, left the waiting room, then joined the meeting */
  admit(p: Person, t: number): Body[] {
    return [
      this.waitingEvent('participant_admitted', p, t, 10),
      this.waitingEvent('participant_left_waiting_room', p, t, 12),
      this.join(p, t, 60),
    ];
  }

  leaveWaitingRoom(p: Person, t: number): Body {
    return this.waitingEvent('participant_left_waiting_room', p, t);
  }

  putInWaitingRoom(p: Person, t: number): Body[] {
    const leave = this.leave(p, t, `${p.name} left the meeting. Reason : left the meeting`, 2);
    this.newSegment(p);
    return [leave, this.waitingEvent('participant_put_in_waiting_room', p, t, 9)];
  }

  private jbh(event: string, p: Person, t: number): Body {
    return this.push(
      `meeting.participant_${event}`,
      this.at(t),
      this.object({ participant: { id: p.zoomUserId, user_name: p.name, customer_key: '', registrant_id: '' } }),
    );
  }

  jbhWaiting(p: Person, t: number): Body {
    return this.jbh('jbh_waiting', p, t);
  }

  jbhWaitingLeft(p: Person, t: number): Body {
    return this.jbh('jbh_waiting_left', p, t);
  }

  jbhJoined(p: Person, t: number): Body {
    return this.jbh('jbh_joined', p, t);
  }

  role(p: Person, oldRole: string, newRole: string, t: number): Body {
    const time = isoSeconds(this.options.start + t * 1000);
    return this.push(
      `${this.prefix()}.participant_role_changed`,
      this.at(t),
      this.object({ participant: this.participant(p, { date_time: time, old_role: oldRole, new_role: newRole }) }),
    );
  }

  share(p: Person, started: boolean, t: number, content = 'desktop', roomUuid?: string): Body {
    const time = isoSeconds(this.options.start + t * 1000);
    const verb = started ? 'started' : 'ended';
    const participant = {
      user_id: p.userId ?? '',
      user_name: p.name,
      id: p.zoomUserId,
      ...(roomUuid ? { parent_user_id: '' } : {}),
      sharing_details: { content, link_source: '', file_link: '', date_time: time, source: '' },
    };
    if (roomUuid) {
      return this.push(
        `meeting.breakout_room_sharing_${verb}`,
        this.at(t),
        this.object({ breakout_room_uuid: roomUuid, participant }),
      );
    }
    return this.push(`${this.prefix()}.sharing_${verb}`, this.at(t), this.object({ participant }));
  }

  recording(what: 'started' | 'stopped' | 'paused' | 'resumed', t: number): Body {
    const file = { recording_start: isoSeconds(this.options.start + t * 1000), recording_end: '' };
    return this.push(`recording.${what}`, this.at(t), this.object({ recording_file: file }));
  }

  liveStreaming(on: boolean, t: number): Body {
    const details = { service: 'Custom_Live_Streaming_Service', date_time: isoSeconds(this.options.start + t * 1000) };
    return this.push(
      `meeting.live_streaming_${on ? 'started' : 'stopped'}`,
      this.at(t),
      this.object({ live_streaming: details }),
      { operator: 'host@example.com', operator_id: this.options.hostId },
    );
  }

  alert(issues: string[], t: number): Body {
    return this.push(`${this.prefix()}.alert`, this.at(t), this.object({ issues }));
  }

  /** the At-Risk Meeting Notifier found the link posted publicly; the topic is as Zoom saw it then */
  riskAlert(t: number, topic: string, armn: Record<string, unknown> = {}): Body {
    const { duration: _duration, ...object } = this.object({ topic });
    return this.push('meeting.risk_alert', this.at(t), {
      ...object,
      host_email: 'host@example.com',
      armn_details: {
        post_platform: 'Reddit',
        social_link: 'https://social.example/posts/418233907',
        post_time: isoSeconds(this.options.start + t * 1000 - 600_000),
        post_user: '@open_links4471',
        meeting_url: `https://example.zoom.us/j/${this.options.id}`,
        recommended_enable_settings: ['enableWaitingRoom'],
        recommended_disable_settings: ['enableAnnotation'],
        ...armn,
      },
    });
  }

  convertedToWebinar(t: number): Body {
    return this.push('meeting.converted_to_webinar', this.at(t), this.object(), {
      operator: 'host@example.com',
      operator_id: this.options.hostId,
    });
  }
}
