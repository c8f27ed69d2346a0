/** Whatever the event log holds, describeEvent answers with one short line and never throws. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { noContext, type SentenceContext } from '../../../shared/timeline/context';
import { describeEvent } from '../../../shared/timeline/describe';
import { zoomEventNames } from '../../../shared/zoom/events.generated';
import { realisticEvent } from '../../support/realistic-events';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function expectOneShortLine(sentence: string): void {
  expect(sentence.length).toBeGreaterThan(0);
  expect(sentence.length).toBeLessThanOrEqual(200);
  expect(sentence).toBe(sentence.trim());
  expect(sentence).not.toMatch(/[\r\n\u2028\u2029]|undefined|\[object/);
}

/** Any text a display name could hold: every script, emoji, controls, line breaks, bidi marks. */
const anyText = fc.string({ unit: 'grapheme', maxLength: 300 });

/** Replaces some strings of a body with `text` values, keeping its shape. */
function withStrings(value: unknown, texts: string[], at = { i: 0 }): unknown {
  if (typeof value === 'string') return texts[at.i++ % texts.length];
  if (Array.isArray(value)) return value.map((v) => withStrings(v, texts, at));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === 'event' ? v : withStrings(v, texts, at)]),
    );
  }
  return value;
}

/** Drops what oneLine() may drop or turn into spaces. */
const squeeze = (s: string) => s.replace(/[\s\p{Cc}\p{Zl}\p{Zp}\u202a-\u202e\u2066-\u2069]/gu, '');

const rooms = (label: string): SentenceContext => ({ roomLabel: () => label, meetingTopic: label });

describe('describeEvent on arbitrary input', () => {
  it('any JSON under a known or unknown event name', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...zoomEventNames), fc.string()),
        fc.jsonValue(),
        fc.jsonValue(),
        (event, payload, extra) => {
          expectOneShortLine(describeEvent({ event, event_ts: 1, payload, extra }, noContext));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('realistic bodies of every type whose strings are any text', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zoomEventNames),
        fc.array(anyText, { minLength: 1, maxLength: 8 }),
        anyText,
        (name, texts, label) => {
          const body = withStrings(realisticEvent(name, { seed: 5 }), texts);
          const sentence = describeEvent(body, rooms(label));
          expectOneShortLine(sentence);
          expect(sentence).not.toMatch(LONE_SURROGATE);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('a display name comes through whole, or cut with an ellipsis', () => {
    fc.assert(
      fc.property(anyText, (name) => {
        const body = realisticEvent('meeting.participant_joined_waiting_room', { seed: 2, name });
        const sentence = describeEvent(body, noContext);
        expectOneShortLine(sentence);
        expect(sentence.endsWith(' entered the waiting room')).toBe(true);
        const shown = sentence.slice(0, -' entered the waiting room'.length);
        if (!shown.endsWith('…') && shown !== 'A participant') {
          expect(squeeze(name)).toContain(squeeze(shown));
        }
      }),
      { numRuns: 1000 },
    );
  });
});
