import { afterEach, describe, expect, it } from 'vitest';
import { alertHarness, type AlertHarness } from '../../../support/alert-harness';
import { MeetingStream } from '../../../support/meeting-stream';

let h: AlertHarness;
afterEach(() => h.close());

describe('screen share by someone who is not host, co-host or panelist', () => {
  it('opens while an attendee shares and resolves when the share ends', () => {
    h = alertHarness();
    const m = new MeetingStream({ seed: 41, startedAt: h.clock.now() });
    const t = h.clock.now();
    const host = m.person('Ana Lima', { host: true });
    const guest = m.person('Priya 🎧 Raman');
    h.deliver(m.started(), m.joined(host, t), m.joined(guest, t + 1000), m.sharing(guest, t + 5000, true));
    const [alert] = h.alerts('open');
    expect(alert).toMatchObject({
      kind: 'unexpected_share',
      severity: 'warning',
      subject: guest.participantUuid,
      title: 'Priya 🎧 Raman is sharing',
      details: {
        participantKey: guest.participantUuid,
        participantName: 'Priya 🎧 Raman',
        role: 'attendee',
        content: 'desktop',
        breakoutRoomUuid: null,
        startedAt: new Date(t + 5000).toISOString(),
      },
    });
    h.deliver(m.sharing(guest, t + 9000, false));
    expect(h.alerts('resolved')).toMatchObject([{ id: alert!.id, resolvedReason: 'cleared' }]);
  });

  it('stays quiet for the host and co-hosts, and resolves when the sharer is made co-host', () => {
    h = alertHarness();
    const m = new MeetingStream({ seed: 42, startedAt: h.clock.now() });
    const t = h.clock.now();
    const host = m.person('Ana Lima', { host: true });
    const cohost = m.person('Ken Watanabe', { signedIn: true });
    const guest = m.person('이서연');
    h.deliver(m.started(), m.joined(host, t), m.joined(cohost, t), m.joined(guest, t));
    h.deliver(m.roleChanged(cohost, t + 1000, 'co-host'));
    h.deliver(m.sharing(host, t + 2000, true), m.sharing(host, t + 3000, false), m.sharing(cohost, t + 4000, true));
    expect(h.alerts('all')).toEqual([]);
    h.deliver(m.sharing(guest, t + 5000, true));
    expect(h.alerts('open').map((a) => a.subject)).toEqual([guest.participantUuid]);
    h.deliver(m.roleChanged(guest, t + 6000, 'co-host'));
    expect(h.alerts('open')).toEqual([]);
  });

  it('leaves webinars alone (only hosts and panelists can share there)', () => {
    h = alertHarness();
    const m = new MeetingStream({ seed: 43, startedAt: h.clock.now() });
    const t = h.clock.now();
    const panelist = m.person('Olu Adeyemi');
    const joined = m.joined(panelist, t);
    joined.event = 'webinar.participant_joined';
    const sharing = m.sharing(panelist, t + 1000, true);
    sharing.event = 'webinar.sharing_started';
    h.deliver(m.event('webinar.started', t), joined, sharing);
    expect(h.application.live.get(m.uuid)!.shares.size).toBe(1);
    expect(h.alerts('all')).toEqual([]);
  });
});
