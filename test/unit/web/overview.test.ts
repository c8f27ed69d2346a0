import { describe, expect, it } from 'vitest';
import {
  NO_ALERTS,
  NO_FILTER,
  matchesFilter,
  sortMeetings,
  tallyAlerts,
  type AlertTally,
} from '../../../web/src/lib/overview';
import { qualityAlert, summary } from '../../support/dashboard-fixtures';

const PLANNING = 'tubFEWg9SAaVamwu6V0+kw==';
const STANDUP = 'kR/9x+e2QnWb3dYt1LmZ0A==';
const LAUNCH = 'Wb4kLmN0pRs2VgZqK3bW9x==';

const planning = summary(PLANNING, 'Quarterly planning 분기 계획', {
  counts: { main: 12, breakout: 8, waiting: 0 },
  startedAt: '2026-11-24T09:00:00Z',
});
const standup = summary(STANDUP, 'Standup 🌱', {
  id: '3474299049',
  hostName: '박지훈',
  counts: { main: 20, breakout: 0, waiting: 3 },
  startedAt: '2026-11-24T09:30:00Z',
});
const launch = summary(LAUNCH, 'Product launch — live Q&A', {
  kind: 'webinar',
  hostName: null,
  counts: { main: 20, breakout: 0, waiting: 0 },
  startedAt: '2026-11-24T08:15:00Z',
});
const all = [planning, standup, launch];

describe('tallies of alerts per meeting', () => {
  it('counts open alerts by severity and acknowledged ones apart, never resolved ones', () => {
    const tallies = tallyAlerts([
      qualityAlert(1, PLANNING),
      qualityAlert(2, PLANNING, { severity: 'critical' }),
      qualityAlert(3, PLANNING, { status: 'acknowledged' }),
      qualityAlert(4, STANDUP, { status: 'resolved' }),
    ]);
    expect(tallies.get(PLANNING)).toEqual({ critical: 1, warning: 1, info: 0, acknowledged: 1 });
    expect(tallies.has(STANDUP)).toBe(false);
  });
});

describe('sorting the overview', () => {
  const topics = (list: typeof all) => list.map((m) => m.topic);

  it('puts the most people in the meeting first; the waiting room breaks ties', () => {
    expect(topics(sortMeetings(all, 'participants', new Map()))).toEqual([
      'Standup 🌱',
      'Product launch — live Q&A',
      'Quarterly planning 분기 계획',
    ]);
  });

  it('puts the longest running first', () => {
    expect(topics(sortMeetings(all, 'running', new Map()))).toEqual([
      'Product launch — live Q&A',
      'Quarterly planning 분기 계획',
      'Standup 🌱',
    ]);
  });

  it('weighs alerts by severity: one critical outranks any number of warnings', () => {
    const tallies = new Map<string, AlertTally>([
      [PLANNING, { ...NO_ALERTS, warning: 5 }],
      [LAUNCH, { ...NO_ALERTS, critical: 1 }],
      [STANDUP, { ...NO_ALERTS, acknowledged: 2 }],
    ]);
    expect(topics(sortMeetings(all, 'alerts', tallies))).toEqual([
      'Product launch — live Q&A',
      'Quarterly planning 분기 계획',
      'Standup 🌱',
    ]);
  });

  it('keeps a stable order for equal meetings and leaves its input alone', () => {
    const twins = [summary('b', 'Same'), summary('a', 'Same')];
    expect(sortMeetings(twins, 'participants', new Map()).map((m) => m.uuid)).toEqual(['a', 'b']);
    expect(twins.map((m) => m.uuid)).toEqual(['b', 'a']);
  });
});

describe('filtering the overview', () => {
  const shown = (filter: Partial<typeof NO_FILTER>, tallies = new Map<string, AlertTally>()) =>
    all
      .filter((m) => matchesFilter(m, { ...NO_FILTER, ...filter }, tallies.get(m.uuid) ?? NO_ALERTS))
      .map((m) => m.uuid);

  it('matches topic, host and meeting id, ignoring case, accents and spaces in numbers', () => {
    expect(shown({ text: 'PLANNING' })).toEqual([PLANNING]);
    expect(shown({ text: '분기' })).toEqual([PLANNING]);
    expect(shown({ text: '박지훈' })).toEqual([STANDUP]);
    expect(shown({ text: '347 429' })).toEqual([STANDUP]);
    expect(shown({ text: 'q&a' })).toEqual([LAUNCH]);
    expect(shown({ text: '  ' })).toEqual([PLANNING, STANDUP, LAUNCH]);
  });

  it('keeps meetings with alerts, with a waiting queue, or of one kind', () => {
    expect(shown({ hasAlerts: true }, new Map([[LAUNCH, { ...NO_ALERTS, acknowledged: 1 }]]))).toEqual([LAUNCH]);
    expect(shown({ hasWaiting: true })).toEqual([STANDUP]);
    expect(shown({ kind: 'webinar' })).toEqual([LAUNCH]);
    expect(shown({ kind: 'meeting', hasWaiting: true })).toEqual([STANDUP]);
  });
});
