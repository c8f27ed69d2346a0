import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_ALERT_SETTINGS } from '../../../shared/alert-settings';
import { GROUP, MAX_CRITICAL, Toasts, burstHeadline } from '../../../web/src/lib/toasts.svelte';
import { qualityAlert } from '../../support/dashboard-fixtures';

const UUID = 'tubFEWg9SAaVamwu6V0+kw==';
const OTHER = 'Rt3bW9xTfa4LmN0pRs2VgQ==';
const ids = (alerts: { id: number }[]) => alerts.map((a) => a.id);

describe('alert pop-ups', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('follow the policy: critical always, warnings by default, infos never by default', () => {
    const popped: number[] = [];
    const toasts = new Toasts(10_000, (alert) => popped.push(alert.id));
    toasts.take({ change: 'opened', alert: qualityAlert(1, UUID, { severity: 'info' }) });
    toasts.take({ change: 'opened', alert: qualityAlert(2, UUID) });
    toasts.take({ change: 'opened', alert: qualityAlert(3, UUID, { severity: 'critical' }) });
    toasts.take({ change: 'repeated', alert: qualityAlert(4, UUID, { count: 2 }) });
    expect(popped).toEqual([2, 3]);
    expect(ids(toasts.critical)).toEqual([3]);
    expect(ids(toasts.burst)).toEqual([2]);
  });

  it('follow the user: no warnings, infos on, a muted kind stays quiet unless critical', () => {
    const toasts = new Toasts(10_000);
    toasts.settings = { ...DEFAULT_ALERT_SETTINGS, popupSeverities: ['info'], mutedKinds: ['quality_issue'] };
    toasts.take({ change: 'opened', alert: qualityAlert(1, UUID) });
    toasts.take({ change: 'opened', alert: qualityAlert(2, UUID, { severity: 'info' }) });
    toasts.take({ change: 'opened', alert: qualityAlert(3, UUID, { severity: 'critical' }) });
    toasts.take({
      change: 'opened',
      alert: qualityAlert(4, UUID, { severity: 'info', kind: 'recording_started', details: { paused: false } }),
    });
    expect(ids(toasts.burst)).toEqual([4]);
    expect(ids(toasts.critical)).toEqual([3]);
  });

  it('stay quiet for a kind snoozed in a meeting, until the snooze ends', () => {
    const toasts = new Toasts(10_000);
    const soon = new Date(Date.now() + 60_000).toISOString();
    const past = new Date(Date.now() - 60_000).toISOString();
    const at = new Date().toISOString();
    toasts.take({ change: 'opened', alert: qualityAlert(1, UUID, { snooze: { by: 'ana', at, until: soon } }) });
    toasts.take({ change: 'opened', alert: qualityAlert(2, UUID, { snooze: { by: 'ana', at, until: null } }) });
    toasts.take({ change: 'opened', alert: qualityAlert(3, UUID, { snooze: { by: 'ana', at, until: past } }) });
    expect(ids(toasts.burst)).toEqual([3]);
    toasts.take({ change: 'updated', alert: qualityAlert(3, UUID, { snooze: { by: 'ana', at, until: null } }) });
    expect(toasts.empty).toBe(true);
  });

  it('make a burst one group that counts alerts and meetings', () => {
    const toasts = new Toasts(10_000);
    for (let id = 1; id <= 7; id++) toasts.take({ change: 'opened', alert: qualityAlert(id, id > 5 ? OTHER : UUID) });
    expect(toasts.burstCount).toBe(7);
    expect(burstHeadline(toasts.burst, toasts.burstCount)).toBe('7 new warnings in 2 meetings');
    expect(burstHeadline([qualityAlert(1, UUID)], 1)).toBe('1 new warning in 1 meeting');
    const mixed = [qualityAlert(1, UUID), qualityAlert(2, UUID, { severity: 'info' })];
    expect(burstHeadline(mixed, 2)).toBe('2 new alerts in 1 meeting');
  });

  it('keep a shown alert current and let it go when someone acknowledges it', () => {
    const toasts = new Toasts(10_000);
    toasts.take({ change: 'opened', alert: qualityAlert(1, UUID) });
    toasts.take({ change: 'opened', alert: qualityAlert(2, UUID) });
    toasts.take({ change: 'repeated', alert: qualityAlert(1, UUID, { count: 3 }) });
    expect(toasts.burst.find((a) => a.id === 1)!.count).toBe(3);
    toasts.take({ change: 'acknowledged', alert: qualityAlert(1, UUID, { status: 'acknowledged' }) });
    expect(ids(toasts.burst)).toEqual([2]);
    expect(toasts.burstCount).toBe(1);
  });

  it('let the group go a while after its last alert, but not while held; critical ones stay', () => {
    const toasts = new Toasts(10_000);
    toasts.take({ change: 'opened', alert: qualityAlert(1, UUID) });
    toasts.take({ change: 'opened', alert: qualityAlert(2, UUID, { severity: 'critical' }) });
    vi.advanceTimersByTime(6_000);
    toasts.take({ change: 'opened', alert: qualityAlert(3, UUID) });
    vi.advanceTimersByTime(6_000);
    expect(ids(toasts.burst)).toEqual([3, 1]);
    toasts.hold(GROUP, true);
    vi.advanceTimersByTime(20_000);
    expect(ids(toasts.burst)).toEqual([3, 1]);
    toasts.hold(GROUP, false);
    vi.advanceTimersByTime(10_000);
    expect(toasts.burst).toEqual([]);
    expect(ids(toasts.critical)).toEqual([2]);
    toasts.dismiss(2);
    expect(toasts.empty).toBe(true);
  });

  it(`show at most ${MAX_CRITICAL} critical alerts and count the others`, () => {
    const toasts = new Toasts(10_000);
    for (let id = 1; id <= MAX_CRITICAL + 2; id++) {
      toasts.take({ change: 'opened', alert: qualityAlert(id, UUID, { severity: 'critical' }) });
    }
    expect(ids(toasts.critical)).toEqual([4, 3]);
    expect(toasts.overflow).toBe(2);
    toasts.take({ change: 'opened', alert: qualityAlert(9, UUID) });
    toasts.dismissAll();
    expect(toasts.empty).toBe(true);
    expect(toasts.overflow).toBe(0);
  });
});
