/**
 * The timeline's public face: one sentence, a category and a severity for any stored event body,
 * known or not. Bodies are re-validated here (they come from the event log as JSON), so the table
 * in sentences.ts only ever sees events of the shape its types promise.
 */
import { isOwnEventName, ownEventSchemas, type OwnEventName, type OwnEventOf } from '../repair/events';
import { zoomEventSchemas, type ZoomEventName, type ZoomEventOf } from '../zoom/events.generated';
import type { Severity, TimelineCategory } from './categories';
import type { SentenceContext } from './context';
import { ownTimelineRules, type OwnTimelineRule } from './repair-sentences';
import { timelineRules, type TimelineRule } from './sentences';
import { clip, MAX_SENTENCE, oneLine, text } from './wording';

function isKnown(name: string): name is ZoomEventName {
  return Object.hasOwn(timelineRules, name);
}

function sentenceOf<N extends ZoomEventName>(name: N, body: unknown, ctx: SentenceContext): string | null {
  const parsed = zoomEventSchemas[name].safeParse(body);
  if (!parsed.success) return null;
  const rule = timelineRules[name] as TimelineRule<N>;
  return rule.sentence(parsed.data as ZoomEventOf<N>, ctx);
}

function ownSentenceOf<N extends OwnEventName>(name: N, body: unknown, ctx: SentenceContext): string | null {
  const parsed = ownEventSchemas[name].safeParse(body);
  if (!parsed.success) return null;
  const rule = ownTimelineRules[name] as OwnTimelineRule<N>;
  return rule.sentence(parsed.data as OwnEventOf<N>, ctx);
}

/**
 * One line (at most 200 characters) saying what happened, for a webhook body as stored in the
 * event log. Event types outside the spec, and bodies that no longer match it, get a sentence
 * naming the event type. Never throws.
 */
export function describeEvent(body: unknown, ctx: SentenceContext): string {
  const rawName = body !== null && typeof body === 'object' ? (body as { event?: unknown }).event : undefined;
  const name = typeof rawName === 'string' ? text(rawName, 100) : null;
  if (name === null) return 'Unreadable Zoom event';
  if (isOwnEventName(name)) {
    return clip(oneLine(ownSentenceOf(name, body, ctx) ?? `Repair ${name} with an unexpected body`), MAX_SENTENCE);
  }
  const sentence = isKnown(name) ? sentenceOf(name, body, ctx) : `Unrecognised Zoom event ${name}`;
  return clip(oneLine(sentence ?? `Zoom event ${name} with an unexpected body`), MAX_SENTENCE);
}

/** The filter category of an event type; names outside the spec are 'other'. */
export function eventCategory(name: string): TimelineCategory {
  if (isOwnEventName(name)) return ownTimelineRules[name].category;
  return isKnown(name) ? timelineRules[name].category : 'other';
}

export function eventSeverity(name: string): Severity {
  return isKnown(name) ? (timelineRules[name].severity ?? 'info') : 'info';
}

/** The known event types of a category, repairs included, e.g. for an SQL filter ('other' also covers unknown names). */
export function eventNamesInCategory(category: TimelineCategory): (ZoomEventName | OwnEventName)[] {
  const zoom = (Object.keys(timelineRules) as ZoomEventName[]).filter(
    (name) => timelineRules[name].category === category,
  );
  const own = (Object.keys(ownTimelineRules) as OwnEventName[]).filter(
    (name) => ownTimelineRules[name].category === category,
  );
  return [...zoom, ...own];
}
