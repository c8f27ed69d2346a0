import { describe, expect, it } from 'vitest';
import { timelineCategories } from '../../../shared/timeline/categories';
import { eventCategory, eventNamesInCategory, eventSeverity } from '../../../shared/timeline/describe';
import { ownEventNames } from '../../../shared/repair/events';
import { zoomEventNames } from '../../../shared/zoom/events.generated';

const ids = timelineCategories.map((c) => c.id);

describe('timeline categories', () => {
  it('lists each category once, with a label', () => {
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(timelineCategories.map((c) => c.label)).size).toBe(ids.length);
    expect(ids).toContain('other');
  });

  it('puts every event type of the spec in a category other than "other"', () => {
    for (const name of zoomEventNames) {
      expect(ids).toContain(eventCategory(name));
      expect(eventCategory(name)).not.toBe('other');
    }
  });

  it('puts event types outside the spec, and inherited names, in "other"', () => {
    for (const name of ['meeting.hologram_started', '', 'constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(eventCategory(name)).toBe('other');
      expect(eventSeverity(name)).toBe('info');
    }
  });

  it('partitions the event types, repairs included: each in exactly one category, every category but "other" used', () => {
    const partition = ids.map((id) => eventNamesInCategory(id));
    expect(partition.flat().sort()).toEqual([...zoomEventNames, ...ownEventNames].sort());
    ids.forEach((id, i) => {
      if (id !== 'other') expect(partition[i]!.length, id).toBeGreaterThan(0);
      for (const name of partition[i]!) expect(eventCategory(name)).toBe(id);
    });
  });

  it('groups the live picture as an admin filters it', () => {
    expect(eventNamesInCategory('breakout_rooms')).toEqual([
      'meeting.participant_joined_breakout_room',
      'meeting.participant_left_breakout_room',
    ]);
    expect(eventNamesInCategory('waiting_room')).toEqual(
      expect.arrayContaining(['meeting.participant_admitted', 'meeting.participant_put_in_waiting_room']),
    );
    expect(eventNamesInCategory('sharing')).toContain('meeting.breakout_room_sharing_started');
    expect(eventNamesInCategory('alerts').sort()).toEqual(['meeting.alert', 'meeting.risk_alert', 'webinar.alert']);
    expect(eventNamesInCategory('meeting').sort()).toEqual([
      'meeting.ended',
      'meeting.started',
      'roomwatch.repair.meeting_ended',
      'roomwatch.repair.meeting_started',
      'webinar.ended',
      'webinar.started',
    ]);
    expect(eventNamesInCategory('participants')).toEqual(
      expect.arrayContaining(['roomwatch.repair.participant_left', 'roomwatch.repair.participant_joined']),
    );
  });

  it('marks quality alerts as warnings and an at-risk meeting as critical, the rest as info', () => {
    expect(eventSeverity('meeting.alert')).toBe('warning');
    expect(eventSeverity('webinar.alert')).toBe('warning');
    expect(eventSeverity('meeting.risk_alert')).toBe('critical');
    const others = zoomEventNames.filter((n) => !['meeting.alert', 'webinar.alert', 'meeting.risk_alert'].includes(n));
    for (const name of others) expect(eventSeverity(name)).toBe('info');
  });
});
