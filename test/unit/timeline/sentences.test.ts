import { describe, expect, it, vi } from 'vitest';
import { noContext, type SentenceContext } from '../../../shared/timeline/context';
import { describeEvent } from '../../../shared/timeline/describe';
import { zoomEventSchemas, type ZoomEventName, type ZoomEventOf } from '../../../shared/zoom/events.generated';
import { minimalEvent } from '../../support/sparse-events';

const ROOM_2 = 'blzSNqiwMudx/PwJUaPJuk==';
const ROOM_4 = 'Vu3GQ3yyOGJaiS4T63oqPY==';
const rooms: SentenceContext = {
  roomLabel: (uuid) => ({ [ROOM_2]: 'Room 2', [ROOM_4]: 'Room 4' })[uuid] ?? null,
};

/** A minimal valid event of the type, filled in by `edit` through the generated types. */
function say<N extends ZoomEventName>(name: N, edit: (event: ZoomEventOf<N>) => void, ctx = noContext): string {
  const event = zoomEventSchemas[name].parse(minimalEvent(name)) as ZoomEventOf<N>;
  edit(event);
  return describeEvent(event, ctx);
}

describe('participants', () => {
  it('joins, by phone or not, and without a name', () => {
    expect(say('meeting.participant_joined', (e) => (e.payload.object.participant.user_name = 'Ana Lima'))).toBe(
      'Ana Lima joined',
    );
    expect(
      say('meeting.participant_joined', (e) => {
        e.payload.object.participant.user_name = 'Ana Lima';
        e.payload.object.participant.phone_number = '+14155550123';
      }),
    ).toBe('Ana Lima joined by phone');
    expect(say('meeting.participant_joined', () => {})).toBe('A participant joined');
    expect(say('webinar.participant_joined', (e) => (e.payload.object.participant.user_name = '김민준'))).toBe(
      '김민준 joined',
    );
    expect(say('meeting.participant_jbh_joined', (e) => (e.payload.object.participant.user_name = 'Ken'))).toBe(
      'Ken joined before the host',
    );
  });

  // the first five are the reasons of the real captures, the rest the spec's list
  it.each([
    ['left the meeting. Reason : left the meeting', 'Ana Lima left'],
    [
      'left the meeting. Reason : left the meeting to join breakout room',
      'Ana Lima left the main room for a breakout room',
    ],
    [
      'left the meeting. Reason : left the meeting leave breakout room to join main meeting',
      'Ana Lima returned to the main room',
    ],
    ['got disconnected from the meeting. Reason : Client Close.', 'Ana Lima was disconnected'],
    ['left the meeting. Reason : Host ended the meeting.', 'Ana Lima left (host ended the meeting)'],
    ['Ana Lima left the meeting.', 'Ana Lima left'],
    ['Ana Lima got disconnected from the meeting.', 'Ana Lima was disconnected'],
    ['Host ended the meeting.', 'Ana Lima left (host ended the meeting)'],
    ['Host closed the meeting.', 'Ana Lima left (host closed the meeting)'],
    ['Host started a new meeting.', 'Ana Lima left (host started a new meeting)'],
    ['Network connection error.', 'Ana Lima was disconnected (network connection error)'],
    [
      'Ana Lima got disconnected from the meeting. Reason : Network connection error.',
      'Ana Lima was disconnected (network connection error)',
    ],
    ['Host did not join.', 'Ana Lima left (host did not join)'],
    ['Exceeded free meeting minutes limit.', 'Ana Lima left (free meeting minutes limit reached)'],
    ['Removed by host.', 'Ana Lima was removed by the host'],
    ['Unknown reason.', 'Ana Lima left'],
    ['Leave waiting room.', 'Ana Lima left the waiting room'],
    ['Removed by host from waiting room.', 'Ana Lima was removed from the waiting room by the host'],
    ['left the meeting. Reason : Meeting locked by admin.', 'Ana Lima left (Meeting locked by admin)'],
  ])('leave reason %j', (reason, expected) => {
    for (const name of ['meeting.participant_left', 'webinar.participant_left'] as const) {
      expect(
        say(name, (e) => {
          e.payload.object.participant.user_name = 'Ana Lima';
          e.payload.object.participant.leave_reason = reason;
        }),
      ).toBe(expected);
    }
  });

  it('a leave without a reason or a name', () => {
    expect(say('meeting.participant_left', () => {})).toBe('A participant left');
  });

  it('feedback, device test and phone binding', () => {
    expect(
      say('meeting.participant_feedback', (e) => {
        e.payload.object.participant.user_name = 'Ken';
        e.payload.object.participant.feedback = {
          satisfied: false,
          feedback_details: [
            { id: '1', name: 'Audio echo' },
            { id: '2', name: 'Video froze' },
          ],
        };
      }),
    ).toBe('Ken was not satisfied with the meeting (Audio echo and Video froze)');
    expect(
      say('webinar.participant_feedback', (e) => {
        e.payload.object.participant.user_name = 'Ken';
        e.payload.object.participant.feedback = { satisfied: true };
      }),
    ).toBe('Ken was satisfied with the webinar');
    expect(
      say('meeting.device_tested', (e) => {
        e.payload.object.test_result = { user_name: 'Ken', camera_status: 2, microphone_status: 1, speaker_status: 1 };
      }),
    ).toBe('Ken tested their devices: microphone and speaker not working');
    expect(
      say('meeting.device_tested', (e) => {
        e.payload.object.test_result = { user_name: 'Ken', camera_status: 2, microphone_status: 2, speaker_status: 0 };
      }),
    ).toBe('Ken tested their devices: no problems found');
    expect(say('meeting.participant_bind', (e) => (e.payload.object.participant.user_name = 'Ken'))).toBe(
      'Ken connected their phone for audio',
    );
  });
});

describe('breakout rooms', () => {
  it('names the room with the label the server gave it', () => {
    const roomLabel = vi.fn(rooms.roomLabel);
    expect(
      say(
        'meeting.participant_joined_breakout_room',
        (e) => {
          e.payload.object.participant.user_name = 'Ana Lima';
          e.payload.object.breakout_room_uuid = ROOM_2;
        },
        { roomLabel },
      ),
    ).toBe('Ana Lima moved to breakout room 2');
    expect(roomLabel).toHaveBeenCalledWith(ROOM_2);
  });

  it('falls back to "a breakout room" for a room the server does not know', () => {
    expect(
      say(
        'meeting.participant_joined_breakout_room',
        (e) => {
          e.payload.object.participant.user_name = 'Ana Lima';
          e.payload.object.breakout_room_uuid = 'pWWmA7ikpHE0JtRpSi7EHL==';
        },
        rooms,
      ),
    ).toBe('Ana Lima moved to a breakout room');
  });

  it('keeps a label that is not "Room N"', () => {
    const ctx: SentenceContext = { roomLabel: () => 'Design crit' };
    expect(
      say('meeting.participant_joined_breakout_room', (e) => (e.payload.object.participant.user_name = 'Ken'), ctx),
    ).toBe('Ken moved to breakout room Design crit');
  });

  it.each([
    [null, 'Ana Lima left breakout room 4'],
    [
      'left the meeting. Reason : left the meeting leave breakout room to join main meeting',
      'Ana Lima returned to the main room from breakout room 4',
    ],
    [
      'left the meeting. Reason : left the meeting to join breakout room',
      'Ana Lima left breakout room 4 for another breakout room',
    ],
    ['got disconnected from the meeting. Reason : Client Close.', 'Ana Lima was disconnected from breakout room 4'],
    ['Removed by host.', 'Ana Lima was removed from breakout room 4 by the host'],
    ['Host ended the meeting.', 'Ana Lima left breakout room 4 (host ended the meeting)'],
  ])('leaving a breakout room, reason %j', (reason, expected) => {
    expect(
      say(
        'meeting.participant_left_breakout_room',
        (e) => {
          e.payload.object.participant.user_name = 'Ana Lima';
          e.payload.object.participant.leave_reason = reason;
          e.payload.object.breakout_room_uuid = ROOM_4;
        },
        rooms,
      ),
    ).toBe(expected);
  });
});

describe('waiting room and join before host', () => {
  it.each([
    ['meeting.participant_joined_waiting_room', 'Ken entered the waiting room'],
    ['meeting.participant_admitted', 'Host admitted Ken from the waiting room'],
    ['meeting.participant_left_waiting_room', 'Ken left the waiting room'],
    ['meeting.participant_put_in_waiting_room', 'Host put Ken in the waiting room'],
    ['meeting.participant_jbh_waiting', 'Ken is waiting for the host to join'],
    ['meeting.participant_jbh_waiting_left', 'Ken stopped waiting for the host'],
  ] as const)('%s', (name, expected) => {
    expect(say(name, (e) => (e.payload.object.participant.user_name = 'Ken'))).toBe(expected);
  });

  it('admits someone without a name', () => {
    expect(say('meeting.participant_admitted', () => {})).toBe('Host admitted a participant from the waiting room');
  });
});

describe('roles', () => {
  it.each([
    ['co-host', 'attendee', 'Ken is now co-host (was an attendee)'],
    ['host', 'co-host', 'Ken is now the host (was co-host)'],
    ['attendee', 'co-host', 'Ken is now an attendee (was co-host)'],
    ['co-host', null, 'Ken is now co-host'],
    ['interpreter', 'attendee', 'Ken is now interpreter (was an attendee)'],
    [null, 'attendee', 'Role changed for Ken'],
  ])('%s (was %s)', (newRole, oldRole, expected) => {
    for (const name of ['meeting.participant_role_changed', 'webinar.participant_role_changed'] as const) {
      expect(
        say(name, (e) => {
          e.payload.object.participant.user_name = 'Ken';
          e.payload.object.participant.new_role = newRole;
          e.payload.object.participant.old_role = oldRole;
        }),
      ).toBe(expected);
    }
  });
});

type Sharer = ZoomEventOf<'meeting.sharing_started'>['payload']['object']['participant'];

describe('sharing', () => {
  it.each([
    ['application', 'an application'],
    ['desktop', 'their desktop'],
    ['whiteboard', 'a whiteboard'],
    ['airplay', 'a device screen over AirPlay'],
    ['camera', 'a second camera'],
    ['unknown', 'their screen'],
    [null, 'their screen'],
  ])('content %s', (content, phrase) => {
    const share = (e: { payload: { object: { participant: Sharer } } }) => {
      e.payload.object.participant.user_name = 'Ana Lima';
      e.payload.object.participant.sharing_details = { content };
    };
    expect(say('meeting.sharing_started', share)).toBe(`Ana Lima started sharing ${phrase}`);
    expect(say('meeting.sharing_ended', share)).toBe(`Ana Lima stopped sharing ${phrase}`);
    expect(say('webinar.sharing_started', share)).toBe(`Ana Lima started sharing ${phrase}`);
    expect(say('webinar.sharing_ended', share)).toBe(`Ana Lima stopped sharing ${phrase}`);
  });

  it('a file from Dropbox', () => {
    expect(
      say('meeting.sharing_started', (e) => {
        e.payload.object.participant.user_name = 'Ana Lima';
        e.payload.object.participant.sharing_details = { content: '', source: 'dropbox', file_link: 'https://db.tt/x' };
      }),
    ).toBe('Ana Lima started sharing a file from Dropbox');
  });

  it('in breakout rooms', () => {
    const share = (e: { payload: { object: { participant: Sharer; breakout_room_uuid: string } } }) => {
      e.payload.object.participant.user_name = 'Ana Lima';
      e.payload.object.participant.sharing_details = { content: 'desktop' };
      e.payload.object.breakout_room_uuid = ROOM_2;
    };
    expect(say('meeting.breakout_room_sharing_started', share, rooms)).toBe(
      'Ana Lima started sharing their desktop in breakout room 2',
    );
    expect(say('meeting.breakout_room_sharing_ended', share, rooms)).toBe(
      'Ana Lima stopped sharing their desktop in breakout room 2',
    );
  });
});

describe('alerts', () => {
  it.each([
    [
      ['Unstable audio quality', 'Unstable video quality', 'High CPU occupation'],
      'Quality alert: unstable audio, unstable video and high CPU usage',
    ],
    [
      [
        'Unstable audio quality',
        'Unstable video quality',
        'Unstable screen share quality',
        'High CPU occupation',
        'Call Reconnection',
      ],
      'Quality alert: unstable audio, unstable video, unstable screen sharing, high CPU usage and call reconnection',
    ],
    [['Unstable audio quality'], 'Quality alert: unstable audio'],
    [
      ['Unstable audio quality', 'unstable audio quality', 'Packet loss'],
      'Quality alert: unstable audio and Packet loss',
    ],
    [[], 'Quality alert'],
  ])('issues %j', (issues, expected) => {
    expect(say('meeting.alert', (e) => (e.payload.object.issues = issues))).toBe(expected);
    expect(say('webinar.alert', (e) => (e.payload.object.issues = issues))).toBe(expected);
  });

  it('an at-risk meeting says where its link was posted and by whom', () => {
    expect(
      say('meeting.risk_alert', (e) => {
        e.payload.object.topic = 'Board sync';
        e.payload.object.armn_details = {
          post_platform: 'Reddit',
          post_user: 'u/zoombomber',
          social_link: 'https://redd.it/x',
        };
      }),
    ).toBe('At-risk meeting “Board sync”: link posted on Reddit by u/zoombomber');
    expect(say('meeting.risk_alert', () => {})).toBe('At-risk meeting: link posted publicly');
  });
});

describe('recording, streaming, start and end', () => {
  it.each([
    ['recording.started', 'Cloud recording started'],
    ['recording.paused', 'Cloud recording paused'],
    ['recording.resumed', 'Cloud recording resumed'],
    ['recording.stopped', 'Cloud recording stopped'],
  ] as const)('%s', (name, expected) => {
    expect(say(name, () => {})).toBe(expected);
  });

  it.each([
    ['YouTube', 'Live streaming started on YouTube', 'Live streaming on YouTube stopped'],
    ['Workplace_by_Facebook', 'Live streaming started on Workplace', 'Live streaming on Workplace stopped'],
    [
      'Custom_Live_Streaming_Service',
      'Live streaming started on a custom streaming service',
      'Live streaming on a custom streaming service stopped',
    ],
    ['Vimeo_Live', 'Live streaming started on Vimeo Live', 'Live streaming on Vimeo Live stopped'],
    [null, 'Live streaming started', 'Live streaming stopped'],
  ])('live streaming on %s', (service, start, stop) => {
    expect(say('meeting.live_streaming_started', (e) => (e.payload.object.live_streaming = { service }))).toBe(start);
    expect(say('meeting.live_streaming_stopped', (e) => (e.payload.object.live_streaming = { service }))).toBe(stop);
  });

  it('meetings and webinars start and end, named by their topic', () => {
    expect(say('meeting.started', (e) => (e.payload.object.topic = 'Board sync'))).toBe('Meeting “Board sync” started');
    expect(say('meeting.ended', (e) => (e.payload.object.topic = 'Board sync'))).toBe('Meeting “Board sync” ended');
    expect(say('webinar.started', (e) => (e.payload.object.topic = 'Launch'))).toBe('Webinar “Launch” started');
    expect(say('webinar.ended', (e) => (e.payload.object.topic = 'Launch'))).toBe('Webinar “Launch” ended');
    expect(
      say('webinar.ended', (e) => {
        e.payload.object.topic = 'Launch';
        e.payload.object.practice_session = true;
      }),
    ).toBe('Practice session of webinar “Launch” ended');
    expect(say('meeting.started', () => {})).toBe('Meeting started');
  });
});

describe('chat', () => {
  it.each([
    [{ recipient_type: 'everyone' }, 'Ana Lima sent a chat message to everyone'],
    [{ recipient_type: 'guest', recipient_name: 'Ken' }, 'Ana Lima sent a chat message privately to Ken'],
    [{ recipient_type: 'host' }, 'Ana Lima sent a chat message privately to the host'],
    [{ recipient_type: 'host_group' }, 'Ana Lima sent a chat message to hosts and co-hosts'],
    [
      { recipient_type: 'everyone', sender_context: 'breakout_room', recipient_context: 'breakout_room' },
      'Ana Lima sent a chat message to everyone in breakout room 4',
    ],
    [
      { recipient_type: 'host', sender_context: 'waiting_room' },
      'Ana Lima sent a chat message privately to the host in the waiting room',
    ],
    [{}, 'Ana Lima sent a chat message'],
  ])('%j', (routing, expected) => {
    expect(
      say(
        'meeting.chat_message_sent',
        (e) => {
          e.payload.object.chat_message = { sender_name: 'Ana Lima', message_content: 'see you at 3', ...routing };
          e.payload.object.breakout_room_uuid = ROOM_4;
        },
        rooms,
      ),
    ).toBe(expected);
  });

  it('never shows what the message says', () => {
    const sentence = say('webinar.chat_message_sent', (e) => {
      e.payload.object.chat_message = {
        sender_name: 'Ana Lima',
        recipient_type: 'everyone',
        message_content: 'secret plan',
      };
    });
    expect(sentence).toBe('Ana Lima sent a chat message to everyone');
  });

  it('files sent and downloaded', () => {
    expect(
      say('meeting.chat_message_file_sent', (e) => {
        e.payload.object.chat_message_file = {
          sender_name: 'Ana Lima',
          file_name: 'budget.xlsx',
          recipient_type: 'everyone',
        };
      }),
    ).toBe('Ana Lima sent the file “budget.xlsx” to everyone');
    expect(
      say('webinar.chat_message_file_downloaded', (e) => {
        e.payload.operator = 'ken@example.com';
        e.payload.object.chat_message_file = { file_name: 'budget.xlsx' };
      }),
    ).toBe('Chat file “budget.xlsx” was downloaded by ken@example.com');
  });
});

describe('invitations and call-outs', () => {
  it.each([
    ['meeting.invitation_dispatched', 'Meeting invitation sent to ken@example.com'],
    ['meeting.invitation_accepted', 'Meeting invitation accepted by ken@example.com'],
    ['meeting.invitation_rejected', 'Meeting invitation declined by ken@example.com'],
    ['meeting.invitation_timeout', 'Meeting invitation not answered by ken@example.com'],
  ] as const)('%s', (name, expected) => {
    expect(say(name, (e) => (e.payload.object.participant.email = 'ken@example.com'))).toBe(expected);
  });

  it.each([
    ['meeting.participant_phone_callout_ringing', 'Phone call-out to Ken is ringing'],
    ['meeting.participant_phone_callout_accepted', 'Phone call-out to Ken was answered'],
    ['meeting.participant_phone_callout_rejected', 'Phone call-out to Ken was declined'],
    ['meeting.participant_phone_callout_missed', 'Phone call-out to Ken was not answered'],
  ] as const)('%s', (name, expected) => {
    expect(say(name, (e) => (e.payload.object.participant.invitee_name = 'Ken'))).toBe(expected);
  });

  it('room system call-outs name the protocol, the inviter and why one failed', () => {
    expect(
      say('meeting.participant_room_system_callout_ringing', (e) => {
        e.payload.object.inviter_name = 'Ana Lima';
        e.payload.object.participant.call_type = 'h323';
      }),
    ).toBe('Room system call-out (H.323) from Ana Lima is ringing');
    expect(
      say('meeting.participant_room_system_callout_failed', (e) => {
        e.payload.object.inviter_name = 'Ana Lima';
        e.payload.object.participant.call_type = 'sip';
        e.payload.object.reason_type = 7;
      }),
    ).toBe('Room system call-out (SIP) from Ana Lima failed (timed out)');
    expect(say('meeting.participant_room_system_callout_failed', (e) => (e.payload.object.reason_type = 0))).toBe(
      'Room system call-out failed',
    );
  });
});

describe('scheduling, registration, summaries and recordings', () => {
  it('scheduling changes name the meeting and who made them', () => {
    expect(
      say('meeting.created', (e) => {
        e.payload.object.topic = 'Board sync';
        e.payload.operator = 'ana@example.com';
      }),
    ).toBe('Meeting “Board sync” was scheduled by ana@example.com');
    expect(
      say('meeting.deleted', (e) => {
        e.payload.object.topic = 'Board sync';
        e.payload.operation = 'single';
      }),
    ).toBe('An occurrence of meeting “Board sync” was deleted');
    expect(
      say('webinar.updated', (e) => {
        e.payload.object.topic = 'Launch (day 2)';
        e.payload.old_object = { topic: 'Launch' };
        e.payload.operator = 'ana@example.com';
      }),
    ).toBe('Webinar “Launch” was renamed to “Launch (day 2)” by ana@example.com');
    expect(
      say('meeting.updated', (e) => {
        e.payload.object.agenda = 'Budget first';
        e.payload.object.password = 'x7Kq2';
        e.payload.old_object = { topic: 'Board sync' };
      }),
    ).toBe('Meeting “Board sync” was updated (agenda and password)');
  });

  it('registrations', () => {
    expect(
      say('meeting.registration_created', (e) => {
        e.payload.object.topic = 'Board sync';
        e.payload.object.registrant = { first_name: 'Zoë', last_name: 'Müller-Łukasz', status: 'pending' };
      }),
    ).toBe('Zoë Müller-Łukasz registered for “Board sync” (awaiting approval)');
    expect(
      say('webinar.registration_denied', (e) => {
        e.payload.object.registrant = { email: 'ken@example.com' };
      }),
    ).toBe('Registration of ken@example.com for the webinar was denied');
    expect(
      say('recording.registration_approved', (e) => {
        e.payload.object.topic = 'Board sync';
        e.payload.object.registrant = { first_name: '이서연' };
      }),
    ).toBe('Registration of 이서연 to watch the recording of “Board sync” was approved');
  });

  it('summaries and cloud recordings', () => {
    expect(say('meeting.summary_completed', (e) => (e.payload.object.meeting_topic = 'Board sync'))).toBe(
      'Meeting summary of “Board sync” is ready',
    );
    expect(
      say('meeting.summary_shared', (e) => {
        e.payload.object.share_with_users = [{ user_email: 'a@example.com' }, { user_email: 'b@example.com' }];
      }),
    ).toBe('Meeting summary was shared with 2 people');
    expect(
      say('recording.completed', (e) => {
        e.payload.object.topic = 'Board sync';
        e.payload.object.recording_count = 3;
      }),
    ).toBe('Cloud recording of “Board sync” is ready (3 files)');
    expect(
      say('recording.renamed', (e) => {
        e.payload.object.topic = 'Board sync (final)';
        e.payload.old_object = { topic: 'Board sync' };
      }),
    ).toBe('Cloud recording “Board sync” was renamed to “Board sync (final)”');
    expect(
      say('recording.batch_trashed', (e) => {
        e.payload.object = { meeting_uuids: ['a', 'b', 'c'] };
        e.payload.operator = 'ana@example.com';
      }),
    ).toBe('3 cloud recordings were moved to the trash by ana@example.com');
    expect(
      say('recording.cloud_storage_usage_updated', (e) => {
        e.payload.object = { storage_used_percentage: 85.4, storage_used: '8.5 GB', plan_storage: '10 GB' };
      }),
    ).toBe('Cloud recording storage 85% used (8.5 GB of 10 GB)');
    expect(
      say('meeting.ai_companion_started', (e) => (e.payload.object.ai_companion = { summary: true, questions: true })),
    ).toBe('AI Companion started (meeting summary and questions)');
  });
});

describe('odd bodies', () => {
  it('names an event type that is not in the spec', () => {
    expect(describeEvent({ event: 'meeting.hologram_started', event_ts: 1, payload: {} }, noContext)).toBe(
      'Unrecognised Zoom event meeting.hologram_started',
    );
  });

  it('names a known event type whose body no longer matches the spec', () => {
    expect(describeEvent({ event: 'meeting.participant_joined', payload: 'gone' }, noContext)).toBe(
      'Zoom event meeting.participant_joined with an unexpected body',
    );
  });

  it.each([null, undefined, 'meeting.started', 42, [], {}, { event: 7 }, { event: '   ' }, { event: null }])(
    'reads %j as an unreadable event',
    (body) => {
      expect(describeEvent(body, noContext)).toBe('Unreadable Zoom event');
    },
  );

  it('does not take inherited names for event types', () => {
    expect(describeEvent({ event: 'constructor', payload: {} }, noContext)).toBe('Unrecognised Zoom event constructor');
    expect(describeEvent({ event: '__proto__' }, noContext)).toBe('Unrecognised Zoom event __proto__');
  });
});

describe('names and lengths', () => {
  const joined = (name: string) =>
    say('meeting.participant_joined', (e) => (e.payload.object.participant.user_name = name));

  it('keeps Korean, accents and emoji intact', () => {
    for (const name of ['김민준', 'Zoë Müller-Łukasz', 'Priya 🎧 Raman', '👩🏽‍💻 이서연', 'Ana 🏳️‍🌈']) {
      expect(joined(name)).toBe(`${name} joined`);
    }
  });

  it('puts a name with line breaks on one line and drops bidi overrides', () => {
    expect(joined('Ana\nLima\t\r\n')).toBe('Ana Lima joined');
    expect(joined('Ana \u202eamiL')).toBe('Ana amiL joined');
  });

  it('cuts long names with an ellipsis, between whole emoji', () => {
    const family = '👩‍👩‍👧‍👦';
    expect(joined(family.repeat(100))).toBe(`${family.repeat(59)}… joined`);
    expect(joined('김'.repeat(61))).toBe(`${'김'.repeat(59)}… joined`);
    expect(joined('김'.repeat(60))).toBe(`${'김'.repeat(60)} joined`);
  });

  it('never exceeds 200 characters', () => {
    const sentence = say('meeting.risk_alert', (e) => {
      e.payload.object.topic = 'Quarterly planning — 분기 계획 '.repeat(10);
      e.payload.object.armn_details = { post_platform: 'Reddit '.repeat(20), post_user: 'u/' + 'x'.repeat(200) };
    });
    expect(sentence.length).toBeLessThanOrEqual(200);
    expect(sentence.endsWith('…')).toBe(true);
    expect(sentence.startsWith('At-risk meeting “Quarterly planning — 분기 계획')).toBe(true);
  });
});
