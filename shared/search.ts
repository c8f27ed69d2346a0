/** "Where is this person right now?": GET /api/search?q= (README, "Dashboard"). */
import { z } from 'zod';
import type { MeetingKind, MeetingStatus, ParticipantView } from './state';

/** At most this many people are listed; `truncated` says there were more. */
export const SEARCH_LIMIT = 50;

export const searchQuerySchema = z.object({
  q: z
    .string({ message: 'q is required' })
    .trim()
    .min(2, 'q must have at least 2 characters')
    .max(100, 'q must have at most 100 characters'),
});

export interface SearchHit {
  meetingUuid: string;
  meetingTopic: string;
  meetingId: string;
  kind: MeetingKind;
  status: MeetingStatus;
  participant: ParticipantView;
  /** the label of their breakout room ("Room 2"), when they are in a named one */
  roomLabel: string | null;
}

export interface SearchResult {
  hits: SearchHit[];
  /** more people matched than SEARCH_LIMIT */
  truncated: boolean;
}

/**
 * Text as searched: case and accents folded, so "jose" finds "José" and "KIM" finds "Kim". Hangul is
 * recomposed after the accents go, so a query matches whole syllables, never a part of one.
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC').toLowerCase();
}

/**
 * How well a person matches an already folded query: 0 when the name starts with it, 1 when a word
 * of the name does, 2 for anywhere in the name or email, null for no match.
 */
export function matchRank(folded: string, name: string, email: string | null): number | null {
  const foldedName = foldForSearch(name);
  if (foldedName.startsWith(folded)) return 0;
  if (foldedName.split(/[\s\-_.,()]+/u).some((word) => word.startsWith(folded))) return 1;
  if (foldedName.includes(folded)) return 2;
  if (email !== null && foldForSearch(email).includes(folded)) return 2;
  return null;
}
