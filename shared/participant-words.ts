/**
 * How Roomwatch words what a participant shares and which role they hold: the timeline's sentences
 * and the dashboard's rows and badges use these, so they never disagree. Zoom's enums are open (new
 * values arrive unannounced), so every lookup has a readable fallback.
 */
import { text, wordFor } from './timeline/wording';

type Maybe<T> = T | null | undefined;

const sharedContents: Readonly<Record<string, string>> = {
  application: 'an application',
  desktop: 'their desktop',
  whiteboard: 'a whiteboard',
  airplay: 'a device screen over AirPlay',
  camera: 'a second camera',
};

export interface SharingDetails {
  content?: Maybe<string>;
  source?: Maybe<string>;
  file_link?: Maybe<string>;
}

/** What someone shares: "an application", "their desktop"... ("their screen" when Zoom does not say). */
export function sharedThing(details: Maybe<SharingDetails>): string {
  const known = wordFor(sharedContents, details?.content);
  if (known !== null) return known;
  if (text(details?.source)?.toLowerCase() === 'dropbox') return 'a file from Dropbox';
  if (text(details?.file_link) !== null) return 'a file';
  return 'their screen';
}

/** Zoom's role names, with the article a sentence needs ("is now the host", "was an attendee"). */
const roles: Readonly<Record<string, { name: string; article: string }>> = {
  host: { name: 'host', article: 'the ' },
  'co-host': { name: 'co-host', article: '' },
  cohost: { name: 'co-host', article: '' },
  'alternative-host': { name: 'alternative host', article: 'an ' },
  attendee: { name: 'attendee', article: 'an ' },
  panelist: { name: 'panelist', article: 'a ' },
};

const roleOf = (role: Maybe<string>) =>
  typeof role === 'string' && Object.hasOwn(roles, role.trim().toLowerCase())
    ? roles[role.trim().toLowerCase()]!
    : null;

/** A role inside a sentence: "the host", "co-host", an unknown role as Zoom names it; null when there is none. */
export function rolePhrase(role: Maybe<string>): string | null {
  const known = roleOf(role);
  return known === null ? text(role, 30) : known.article + known.name;
}

/** The badge of a role ("Host", "Co-host", "Interpreter lead"), or null for plain attendees (no badge). */
export function roleBadge(role: string): string | null {
  const known = roleOf(role);
  if (known?.name === 'attendee') return null;
  const name = known?.name ?? role.replace(/[-_]/g, ' ');
  return name.charAt(0).toUpperCase() + name.slice(1);
}
