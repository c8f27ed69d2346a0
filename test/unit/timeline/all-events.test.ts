/**
 * Every event type of the spec, full and sparse, reads as one clean line. "Clean" is checked
 * textually: nothing JavaScript leaks ("undefined", "[object"), no gap where a missing value was
 * (double spaces, empty quotes or parentheses, a dangling "by"), and the person is named.
 */
import { describe, expect, it } from 'vitest';
import { noContext, type SentenceContext } from '../../../shared/timeline/context';
import { describeEvent } from '../../../shared/timeline/describe';
import { timelineRules } from '../../../shared/timeline/sentences';
import { zoomEventNames, zoomEventSchemas, type ZoomEventName } from '../../../shared/zoom/events.generated';
import { NAMES, realisticEvent } from '../../support/realistic-events';
import { blankedEvent, minimalEvent, nulledEvent } from '../../support/sparse-events';

const rooms: SentenceContext = { roomLabel: () => 'Room 3', meetingTopic: 'Weekly sync' };

/** Fields that hold a person's display name (registrants: first_name). */
const PERSON_FIELDS = new Set(['user_name', 'sender_name', 'invitee_name', 'inviter_name', 'first_name']);

function namesAPerson(value: unknown, name: string): boolean {
  if (Array.isArray(value)) return value.some((item) => namesAPerson(item, name));
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, v]) => (PERSON_FIELDS.has(key) && v === name) || namesAPerson(v, name));
}

function expectCleanLine(sentence: string): void {
  expect(sentence).toBe(sentence.trim());
  expect(sentence.length).toBeGreaterThan(0);
  expect(sentence.length).toBeLessThanOrEqual(200);
  expect(sentence).not.toMatch(/[\r\n\u2028\u2029]/);
  expect(sentence).not.toMatch(/undefined|null|\[object|NaN/i);
  expect(sentence).not.toMatch(/ {2}|“”|\(\)|\( | \)| [,.:;]|[:,] *$| (by|to|of|for|in|from|on)$/);
  expect(sentence[0]).toBe(sentence[0]!.toUpperCase());
}

function validated(name: ZoomEventName, body: Record<string, unknown>): Record<string, unknown> {
  expect(zoomEventSchemas[name].safeParse(body).success).toBe(true);
  return body;
}

describe('timeline sentences for all 105 event types', () => {
  it('has exactly one rule per event type of the spec', () => {
    expect(zoomEventNames).toHaveLength(105);
    expect(Object.keys(timelineRules).sort()).toEqual([...zoomEventNames].sort());
  });

  it.each(zoomEventNames)('%s: realistic bodies read as one line naming the person', (name) => {
    NAMES.forEach((person, seed) => {
      const body = validated(name, realisticEvent(name, { seed, name: person }));
      for (const ctx of [rooms, noContext]) {
        const sentence = describeEvent(body, ctx);
        expectCleanLine(sentence);
        if (namesAPerson(body, person)) expect(sentence).toContain(person);
      }
    });
  });

  it.each(zoomEventNames)('%s: a body with only the required fields still reads well', (name) => {
    const sentence = describeEvent(validated(name, minimalEvent(name, { name: 'Ana Lima' })), noContext);
    expectCleanLine(sentence);
    expect(sentence).not.toMatch(/Zoom event/);
  });

  it.each(zoomEventNames)('%s: optional fields sent as null or "" read like absent ones', (name) => {
    for (const body of [nulledEvent(name, { name: 'Ana Lima' }), blankedEvent(name, { name: 'Ana Lima' })]) {
      const sentence = describeEvent(validated(name, body), noContext);
      expectCleanLine(sentence);
      expect(sentence).not.toMatch(/Zoom event/);
      if (!namesAPerson(body, 'Ana Lima')) expect(sentence).not.toContain('Ana Lima');
    }
  });

  it('uses the topic live state knows when the event carries none', () => {
    const sentence = describeEvent(minimalEvent('meeting.ended'), { ...noContext, meetingTopic: '주간 회의 🗓️' });
    expect(sentence).toBe('Meeting “주간 회의 🗓️” ended');
  });
});
