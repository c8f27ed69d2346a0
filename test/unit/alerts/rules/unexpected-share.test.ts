import { afterEach, describe, expect, it } from 'vitest';
import { AT_ONCE, alertHarness, type AlertHarness } from '../../../support/alert-harness';

let h: AlertHarness;
afterEach(() => h.close());

describe('screen share by someone who is not host, co-host or panelist', () => {
  it('opens while an attendee shares and resolves when the share ends', () => {
    h = alertHarness(AT_ONCE);
    const story = h.story(41);
    const t = story.now;
    const meeting = story.meeting({ host: { name: 'Ana Lima' } });
    story.waitUntil(t + 1000);
    const guest = meeting.join('Priya 🎧 Raman');
    story.waitUntil(t + 5000);
    guest.share('desktop');
    h.play(story.take());
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
    story.waitUntil(t + 9000);
    guest.stopSharing();
    h.play(story.take());
    expect(h.alerts('resolved')).toMatchObject([{ id: alert!.id, resolvedReason: 'cleared' }]);
  });

  it('stays quiet for the host and co-hosts, and resolves when the sharer is made co-host', () => {
    h = alertHarness(AT_ONCE);
    const story = h.story(42);
    const t = story.now;
    const meeting = story.meeting({ host: { name: 'Ana Lima' } });
    const host = meeting.host!;
    const cohost = meeting.join({ name: 'Ken Watanabe', email: 'ken@northwind.example' });
    const guest = meeting.join('이서연');
    story.waitUntil(t + 3000);
    cohost.setRole('co-host');
    host.share('desktop');
    story.waitUntil(t + 6000);
    host.stopSharing();
    cohost.share('application');
    h.play(story.take());
    expect(h.alerts('all')).toEqual([]);
    story.waitUntil(t + 9000);
    guest.share('whiteboard');
    h.play(story.take());
    expect(h.alerts('open').map((a) => a.subject)).toEqual([guest.participantUuid]);
    story.waitUntil(t + 12_000);
    guest.setRole('co-host');
    h.play(story.take());
    expect(h.alerts('open')).toEqual([]);
  });

  it('leaves webinars alone (only hosts and panelists can share there)', () => {
    h = alertHarness(AT_ONCE);
    const story = h.story(43);
    const webinar = story.webinar();
    const panelist = webinar.join('Olu Adeyemi');
    story.wait(1000);
    panelist.share('application');
    h.play(story.take());
    expect(h.application.live.get(webinar.facts.uuid)!.shares.size).toBe(1);
    expect(h.alerts('all')).toEqual([]);
  });
});
