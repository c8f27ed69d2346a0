import { describe, expect, it } from 'vitest';
import type { AlertView } from '../../../shared/alerts';
import {
  alertSummary,
  connectionWords,
  countsSentence,
  formatDuration,
  formatMeetingId,
  formatStopwatch,
  formatTime,
  initials,
  placeWords,
  shareSentence,
} from '../../../web/src/lib/format';
import { qualityAlert } from '../../support/dashboard-fixtures';

const MIN = 60_000;
const HOUR = 60 * MIN;
const SEOUL = { locale: 'en-GB', timeZone: 'Asia/Seoul' };

describe('durations', () => {
  it('reads like a person would say it', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(42_900)).toBe('42 s');
    expect(formatDuration(MIN)).toBe('1 min');
    expect(formatDuration(12 * MIN + 59_000)).toBe('12 min');
    expect(formatDuration(HOUR)).toBe('1 h');
    expect(formatDuration(HOUR + 5 * MIN + 30_000)).toBe('1 h 5 min');
    expect(formatDuration(26 * HOUR)).toBe('1 d 2 h');
    expect(formatDuration(48 * HOUR + 10 * MIN)).toBe('2 d');
  });

  it('never goes negative when a clock runs a little behind the server', () => {
    expect(formatDuration(-1_500)).toBe('0 s');
    expect(formatStopwatch(-1_500)).toBe('0:00');
  });

  it('runs a stopwatch for the meeting header', () => {
    expect(formatStopwatch(4 * MIN + 7_000)).toBe('4:07');
    expect(formatStopwatch(HOUR + 5 * MIN + 9_999)).toBe('1:05:09');
  });
});

describe('times, in the viewer time zone', () => {
  const now = Date.parse('2026-11-24T09:30:00Z'); // 18:30 in Seoul

  it('shows only the clock for today, the day too for another day', () => {
    expect(formatTime('2026-11-24T09:03:00Z', now, SEOUL)).toBe('18:03');
    expect(formatTime('2026-11-24T09:03:07Z', now, { ...SEOUL, seconds: true })).toBe('18:03:07');
    // 23:10 UTC the day before is already "today" in Seoul
    expect(formatTime('2026-11-23T23:10:00Z', now, SEOUL)).toBe('08:10');
    expect(formatTime('2026-11-22T23:10:00Z', now, SEOUL)).toBe('23 Nov, 08:10');
  });

  it('follows the viewer locale', () => {
    expect(formatTime('2026-11-24T09:03:00Z', now, { locale: 'en-US', timeZone: 'America/New_York' })).toBe('4:03 AM');
  });

  it('shows nothing for what is not a time', () => {
    expect(formatTime('not a date', now, SEOUL)).toBe('');
  });
});

describe('sentences shown', () => {
  it('groups meeting numbers as Zoom does', () => {
    expect(formatMeetingId('85746065432')).toBe('857 4606 5432');
    expect(formatMeetingId('9123456789')).toBe('912 345 6789');
    expect(formatMeetingId('pmi-room')).toBe('pmi-room');
  });

  it('says who shares what, and where', () => {
    expect(shareSentence('Ken Watanabe', 'whiteboard', 'Room 2')).toBe(
      'Ken Watanabe is sharing a whiteboard in Room 2',
    );
    expect(shareSentence('김민준', 'application', null)).toBe('김민준 is sharing an application');
    expect(shareSentence('Ana', 'desktop', null)).toBe('Ana is sharing their desktop');
    expect(shareSentence('Ana', 'unknown', null)).toBe('Ana is sharing their screen');
  });

  it('says where someone is', () => {
    expect(placeWords('breakout', 'Room 3')).toBe('in Room 3');
    expect(placeWords('breakout', null)).toBe('in a breakout room');
    expect(placeWords('waiting', null)).toBe('in the waiting room');
    expect(placeWords('jbh_waiting', null)).toBe('waiting for the host to join');
  });

  it('reads the counts out', () => {
    expect(countsSentence({ main: 1_204, breakout: 0, waiting: 0 })).toBe('1,204 in the main room, nobody waiting');
    expect(countsSentence({ main: 12, breakout: 4, waiting: 2 })).toBe(
      '12 in the main room, 4 in breakout rooms, 2 waiting',
    );
  });

  it('makes avatar initials in any script', () => {
    expect(initials('Ana Lima')).toBe('AL');
    expect(initials('김민준')).toBe('김');
    expect(initials('高橋 健')).toBe('高');
    expect(initials('  zoë  ')).toBe('Z');
    expect(initials('🌱 Retro bot')).toBe('🌱B');
  });

  it('makes initials from name words only, not from pronouns or labels', () => {
    expect(initials('Björn Kowalski (she/her)')).toBe('BK');
    expect(initials('Ana Okafor (he/him)')).toBe('AO');
    expect(initials('Ana (they/them) Okafor')).toBe('AO');
    expect(initials('Priya Raman [Sales] - remote')).toBe('PR');
    expect(initials('Ken (he/him')).toBe('K');
    expect(initials('(she/her)')).toBe('?');
  });

  it('says what the connection means for the data shown', () => {
    const since = Date.parse('2026-11-24T09:20:00Z');
    const now = since + 4 * MIN;
    expect(connectionWords('live', null, now, SEOUL)).toEqual({ label: 'Live', warning: null });
    expect(connectionWords('connecting', since, now, SEOUL).warning).toBeNull();
    expect(connectionWords('reconnecting', since, now, SEOUL)).toEqual({
      label: 'Reconnecting…',
      warning: 'Connection lost since 18:20 (4 min): the data shown may be stale.',
    });
    expect(connectionWords('offline', since, now, SEOUL).warning).toBe(
      'Offline since 18:20 (4 min): the data shown may be stale. Reload the page to reconnect.',
    );
  });
});

describe('alert summaries', () => {
  it('tell the times in the viewer time zone, where the API says UTC', () => {
    const alert = qualityAlert(7, 'tubFEWg9SAaVamwu6V0+kw==', {
      kind: 'host_absent',
      details: { hostName: 'Ana Lima', leftAt: '2026-11-24T09:03:00.000Z' },
      summary: 'The host Ana Lima left at 09:03 UTC and the meeting is still running.',
    } as Partial<AlertView>);
    expect(alertSummary(alert, Date.parse('2026-11-24T09:30:00Z'), SEOUL)).toBe(
      'The host Ana Lima left at 18:03 and the meeting is still running.',
    );
  });
});
