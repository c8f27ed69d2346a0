import { describe, expect, it } from 'vitest';
import { roleBadge, rolePhrase, sharedThing } from '../../shared/participant-words';
import { noContext } from '../../shared/timeline/context';
import { describeEvent } from '../../shared/timeline/describe';
import { shareSentence } from '../../web/src/lib/format';

describe('participant words', () => {
  it('badges roles, except plain attendees', () => {
    expect(roleBadge('host')).toBe('Host');
    expect(roleBadge('co-host')).toBe('Co-host');
    expect(roleBadge('cohost')).toBe('Co-host');
    expect(roleBadge('alternative-host')).toBe('Alternative host');
    expect(roleBadge('panelist')).toBe('Panelist');
    expect(roleBadge('attendee')).toBeNull();
    expect(roleBadge('interpreter_lead')).toBe('Interpreter lead');
  });

  it('puts roles in sentences with their article, and unknown ones as Zoom names them', () => {
    expect(rolePhrase('host')).toBe('the host');
    expect(rolePhrase('CoHost')).toBe('co-host');
    expect(rolePhrase('attendee')).toBe('an attendee');
    expect(rolePhrase('interpreter')).toBe('interpreter');
    expect(rolePhrase(null)).toBeNull();
  });

  it('words a share the same on the dashboard as in the timeline', () => {
    for (const content of ['application', 'desktop', 'whiteboard', 'airplay', 'camera', 'unknown', '', 'hologram']) {
      const timeline = describeEvent(
        {
          event: 'meeting.sharing_started',
          event_ts: 0,
          payload: {
            account_id: 'acc',
            object: {
              id: '1',
              uuid: 'u',
              host_id: 'h',
              topic: 't',
              participant: { user_id: '1', user_name: 'Ana', sharing_details: { content } },
            },
          },
        },
        noContext,
      );
      expect(timeline).toBe(`Ana started sharing ${sharedThing({ content })}`);
      expect(shareSentence('Ana', content, null)).toBe(`Ana is sharing ${sharedThing({ content })}`);
    }
  });
});
