import { describe, expect, it } from 'vitest';
import type { AlertChange } from '../../../shared/alerts';
import { mergeAlertChange, PendingAlertChanges } from '../../../server/realtime/alert-changes';
import { qualityAlert } from '../../support/dashboard-fixtures';

const UUID = 'tubFEWg9SAaVamwu6V0+kw==';
const opened = qualityAlert(7, UUID);
const repeated = { ...opened, count: 2, lastSeenAt: '2026-11-24T09:10:01.000Z' };
const acknowledged = {
  ...repeated,
  status: 'acknowledged' as const,
  acknowledgedBy: 'jiwoo',
  acknowledgedAt: '2026-11-24T09:10:02.000Z',
};
const resolved = {
  ...repeated,
  status: 'resolved' as const,
  resolvedAt: '2026-11-24T09:10:03.000Z',
  resolvedReason: 'quiet' as const,
};

const merged = (...changes: AlertChange[]) => changes.reduce(mergeAlertChange);

describe('mergeAlertChange', () => {
  it('keeps an alert opened in the tick opened while it is open, with its newest state', () => {
    expect(merged({ change: 'opened', alert: opened }, { change: 'repeated', alert: repeated })).toEqual({
      change: 'opened',
      alert: repeated,
    });
    expect(merged({ change: 'opened', alert: opened }, { change: 'updated', alert: repeated })).toEqual({
      change: 'opened',
      alert: repeated,
    });
  });

  it('reports the last transition of an alert that did not stay open', () => {
    expect(merged({ change: 'opened', alert: opened }, { change: 'acknowledged', alert: acknowledged })).toEqual({
      change: 'acknowledged',
      alert: acknowledged,
    });
    expect(
      merged(
        { change: 'opened', alert: opened },
        { change: 'updated', alert: repeated },
        { change: 'resolved', alert: resolved },
      ),
    ).toEqual({ change: 'resolved', alert: resolved });
  });

  it('keeps a transition that updates follow, and an update that a transition follows becomes it', () => {
    expect(merged({ change: 'repeated', alert: repeated }, { change: 'updated', alert: repeated })).toEqual({
      change: 'repeated',
      alert: repeated,
    });
    expect(merged({ change: 'updated', alert: opened }, { change: 'resolved', alert: resolved })).toEqual({
      change: 'resolved',
      alert: resolved,
    });
  });
});

describe('PendingAlertChanges', () => {
  it('gives one change per alert, in the order each first changed, then starts empty', () => {
    const other = qualityAlert(8, UUID, { subject: 'High CPU usage', details: { issue: 'High CPU usage' } });
    const pending = new PendingAlertChanges();
    pending.add({ change: 'opened', alert: opened });
    pending.add({ change: 'opened', alert: other });
    pending.add({ change: 'repeated', alert: repeated });
    expect(pending.size).toBe(2);
    expect(pending.take()).toEqual([
      { change: 'opened', alert: repeated },
      { change: 'opened', alert: other },
    ]);
    expect(pending.size).toBe(0);
    expect(pending.take()).toEqual([]);
  });
});
