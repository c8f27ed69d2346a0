/**
 * Small text tools for timeline sentences. Every value taken from a payload goes through `text()`,
 * so whatever Zoom sends (nothing, null, "", a 300-character name with line breaks) becomes either
 * null or a short single line, and sentences never show "undefined", "null" or a cut emoji.
 */

import { stripBidi } from '../user-text';

export const MAX_NAME = 60;
export const MAX_TITLE = 80;
export const MAX_SENTENCE = 200;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Line breaks and control characters become spaces; bidi overrides and isolates go, so a display
 * name cannot visually reorder the rest of the sentence around it.
 */
export function oneLine(s: string): string {
  return stripBidi(s)
    .replace(/[\s\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
    .trim();
}

/** At most `max` user-perceived characters, cut with an ellipsis; never splits an emoji or a syllable. */
export function clip(s: string, max: number): string {
  const parts = Array.from(graphemes.segment(s), (g) => g.segment);
  if (parts.length <= max) return s;
  return `${parts
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

/** A payload string fit for a sentence, or null when it is absent or blank. */
export function text(value: string | null | undefined, max = MAX_TITLE): string | null {
  if (typeof value !== 'string') return null;
  const line = oneLine(value);
  return line ? clip(line, max) : null;
}

export function nameText(value: string | null | undefined): string | null {
  return text(value, MAX_NAME);
}

/** The parts that are present, separated by spaces: `words('Meeting', topic, 'started')`. */
export function words(...parts: (string | null | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' ');
}

export function quoted(title: string | null): string | null {
  return title === null ? null : `“${title}”`;
}

/** "a", "a and b", "a, b and c" */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Like listing(), naming at most `max` items and counting the rest: "a, b, c and 4 more". */
export function shortListing(items: readonly string[], max: number): string {
  if (items.length <= max) return listing(items);
  return listing([...items.slice(0, max), `${items.length - max} more`]);
}

export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The distinct, present strings of a payload list. */
export function textList(values: readonly (string | null | undefined)[] | null | undefined, max = MAX_TITLE): string[] {
  const out: string[] = [];
  for (const value of values ?? []) {
    const t = text(value, max);
    if (t !== null && !out.includes(t)) out.push(t);
  }
  return out;
}

/** The wording for a known value of one of Zoom's open enums (own keys only: never "constructor"). */
export function wordFor(table: Readonly<Record<string, string>>, key: string | null | undefined): string | null {
  if (typeof key !== 'string') return null;
  const normalised = key.trim().toLowerCase();
  return Object.hasOwn(table, normalised) ? table[normalised]! : null;
}

export function by(operator: string | null | undefined): string | null {
  const who = nameText(operator);
  return who === null ? null : `by ${who}`;
}
