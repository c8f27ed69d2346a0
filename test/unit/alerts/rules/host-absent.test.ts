import { afterEach, describe, expect, it } from 'vitest';
import { CHECK_INTERVAL_MS } from '../../../../server/alerts/service';
import { alertHarness, type AlertHarness } from '../../../support/alert-harness';
import { MeetingStream } from '../../../support/meeting-stream';

let h: AlertHarness;
afterEach(() => h.close());

const MINUTE = 60_000;

describe('meeting without host (host gone for more than 5 minutes by default)', () => {
  it('fires on the clock 5 minutes after the host left and resolves when the host is back', () => {
    h = alertHarness();
    const m = new MeetingStream({ seed: 51, startedAt: h.clock.now() });
    const t = h.clock.now();
    const host = m.person('Ana Lima', { host: true });
    const guest = m.person('김민준');
    h.deliver(m.started(), m.joined(host, t), m.joined(guest, t + 1000), m.left(host, t + MINUTE));
    h.clock.advance(6 * MINUTE - CHECK_INTERVAL_MS);
    expect(h.alerts('open')).toEqual([]);
    h.clock.advance(2 * CHECK_INTERVAL_MS);
    expect(h.alerts('open')).toMatchObject([
      {
        kind: 'host_absent',
        severity: 'warning',
        details: { hostName: 'Ana Lima', leftAt: new Date(t + MINUTE).toISOString() },
      },
    ]);
    h.deliver(m.joined(m.reconnect(host), h.clock.now()));
    expect(h.alerts('resolved')).toMatchObject([{ kind: 'host_absent', resolvedReason: 'cleared' }]);
  });

  it('stays quiet when the host role passed to someone still in the meeting', () => {
    h = alertHarness();
    const m = new MeetingStream({ seed: 52, startedAt: h.clock.now() });
    const t = h.clock.now();
    const host = m.person('Ana Lima', { host: true });
    const next = m.person('François Dubois', { signedIn: true });
    h.deliver(m.started(), m.joined(host, t), m.joined(next, t));
    h.deliver(m.roleChanged(next, t + MINUTE, 'host'), m.roleChanged(host, t + MINUTE, 'attendee', 'host'));
    h.deliver(m.left(host, t + 2 * MINUTE));
    h.clock.advance(30 * MINUTE);
    expect(h.alerts('all').filter((a) => a.kind === 'host_absent')).toEqual([]);
  });

  it('says nothing about a meeting whose host it never saw', () => {
    h = alertHarness();
    const m = new MeetingStream({ seed: 53, startedAt: h.clock.now() });
    const t = h.clock.now();
    const guest = m.person('Olu Adeyemi');
    h.deliver(m.joined(guest, t), m.left(m.person('Ken Watanabe'), t + 1000));
    h.clock.advance(30 * MINUTE);
    expect(h.alerts('all').filter((a) => a.kind === 'host_absent')).toEqual([]);
  });
});
