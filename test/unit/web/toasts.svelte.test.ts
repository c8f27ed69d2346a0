import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_TOASTS, Toasts } from '../../../web/src/lib/toasts.svelte';
import { qualityAlert } from '../../support/dashboard-fixtures';

const UUID = 'tubFEWg9SAaVamwu6V0+kw==';

describe('alert toasts', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pop up for new alerts only, newest first', () => {
    const toasts = new Toasts(10_000);
    toasts.take({ change: 'opened', alert: qualityAlert(1, UUID) });
    toasts.take({ change: 'repeated', alert: qualityAlert(2, UUID, { count: 2 }) });
    toasts.take({ change: 'opened', alert: qualityAlert(3, UUID) });
    expect(toasts.items.map((a) => a.id)).toEqual([3, 1]);
  });

  it('keep a shown alert current and go when someone acknowledges it', () => {
    const toasts = new Toasts(10_000);
    toasts.take({ change: 'opened', alert: qualityAlert(1, UUID) });
    toasts.take({ change: 'repeated', alert: qualityAlert(1, UUID, { count: 3 }) });
    expect(toasts.items[0]!.count).toBe(3);
    toasts.take({ change: 'acknowledged', alert: qualityAlert(1, UUID, { status: 'acknowledged' }) });
    expect(toasts.items).toEqual([]);
  });

  it('let warnings go after a while, but not while held, and keep critical ones', () => {
    const toasts = new Toasts(10_000);
    toasts.take({ change: 'opened', alert: qualityAlert(1, UUID) });
    toasts.take({ change: 'opened', alert: qualityAlert(2, UUID, { severity: 'critical' }) });
    toasts.take({ change: 'opened', alert: qualityAlert(3, UUID, { severity: 'info' }) });
    toasts.hold(3, true);
    vi.advanceTimersByTime(10_000);
    expect(toasts.items.map((a) => a.id)).toEqual([3, 2]);
    toasts.hold(3, false);
    vi.advanceTimersByTime(10_000);
    expect(toasts.items.map((a) => a.id)).toEqual([2]);
    toasts.dismiss(2);
    expect(toasts.items).toEqual([]);
  });

  it(`show at most ${MAX_TOASTS} and count the others`, () => {
    const toasts = new Toasts(10_000);
    for (let id = 1; id <= MAX_TOASTS + 2; id++) toasts.take({ change: 'opened', alert: qualityAlert(id, UUID) });
    expect(toasts.items.map((a) => a.id)).toEqual([6, 5, 4, 3]);
    expect(toasts.overflow).toBe(2);
    toasts.dismissAll();
    expect(toasts.items).toEqual([]);
    expect(toasts.overflow).toBe(0);
  });
});
