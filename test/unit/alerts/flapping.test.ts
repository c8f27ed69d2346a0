import { afterEach, describe, expect, it } from 'vitest';
import { alertHarness, type AlertHarness } from '../../support/alert-harness';

let h: AlertHarness;
afterEach(() => h.close());

const SECOND = 1000;

/** a meeting with a host and a guest who may not share; the clock and the story move together */
function meetingWithGuest(seed: number) {
  const story = h.story(seed);
  const meeting = story.meeting({ host: { name: 'Ana Lima' } });
  const guest = meeting.join('Priya Raman');
  h.play(story.take());
  const after = (ms: number) => {
    h.clock.advance(ms);
    story.waitUntil(h.clock.now());
  };
  const act = (what: () => void) => {
    what();
    h.play(story.take());
  };
  return { guest, after, act };
}

const shareChanges = () => h.changes.filter((c) => c.alert.kind === 'unexpected_share').map((c) => c.change);

describe('rules that do not flap (defaults: share 15 s, clear 60 s, flapping after 3 returns)', () => {
  it('raises one alert, with its count, for a share that keeps stopping and starting', () => {
    h = alertHarness();
    const { guest, after, act } = meetingWithGuest(61);
    for (let round = 1; round <= 20; round++) {
      act(() => guest.share('desktop'));
      after(20 * SECOND);
      act(() => guest.stopSharing());
      after(5 * SECOND);
      if (round === 3) expect(h.alerts('open')).toMatchObject([{ count: 3, flapping: false }]);
    }
    // opened once (the first share lasted long enough), then back 19 times: no resolution between
    expect(shareChanges()).toEqual(['opened', ...Array<string>(19).fill('repeated')]);
    expect(h.alerts('all')).toMatchObject([{ kind: 'unexpected_share', status: 'open', count: 20, flapping: true }]);
    after(70 * SECOND);
    expect(h.alerts('all')).toMatchObject([{ status: 'resolved', resolvedReason: 'cleared', count: 20 }]);
  });

  it('shows an alert as flapping only once its condition came back 3 times', () => {
    h = alertHarness();
    const { guest, after, act } = meetingWithGuest(62);
    act(() => guest.share('whiteboard'));
    after(20 * SECOND);
    for (let back = 1; back <= 3; back++) {
      act(() => guest.stopSharing());
      after(5 * SECOND);
      act(() => guest.share('whiteboard'));
      after(20 * SECOND);
      expect(h.alerts('open')).toMatchObject([{ count: back + 1, flapping: back >= 3 }]);
    }
  });

  it('raises nothing for shares shorter than the minimum, however many', () => {
    h = alertHarness();
    const { guest, after, act } = meetingWithGuest(63);
    for (let round = 1; round <= 30; round++) {
      act(() => guest.share('application'));
      after(10 * SECOND);
      act(() => guest.stopSharing());
      after(10 * SECOND);
    }
    expect(h.alerts('all')).toEqual([]);
  });

  it('resolves a condition gone for good once, after the clear period', () => {
    h = alertHarness();
    const { guest, after, act } = meetingWithGuest(64);
    act(() => guest.share('desktop'));
    after(20 * SECOND);
    act(() => guest.stopSharing());
    after(50 * SECOND);
    expect(h.alerts('open')).toHaveLength(1);
    after(20 * SECOND);
    expect(shareChanges()).toEqual(['opened', 'resolved']);
  });
});
