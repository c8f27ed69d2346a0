/** How the dashboard words numbers, times and states. Times are shown in the viewer's time zone. */
import { describeAlert } from '../../../shared/alert-words';
import type { AlertDetailsByKind, AlertKind, AlertView } from '../../../shared/alerts';
import { sharedThing } from '../../../shared/participant-words';
import type { Location, MeetingCounts } from '../../../shared/state';
import type { ConnectionState } from './live-store.svelte';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "42 s", "12 min", "1 h 5 min", "2 h", "3 d 4 h": as precise as a glance needs. */
export function formatDuration(ms: number): string {
  const safe = Math.max(0, ms);
  if (safe < MINUTE) return `${Math.floor(safe / SECOND)} s`;
  if (safe < HOUR) return `${Math.floor(safe / MINUTE)} min`;
  if (safe < DAY) {
    const hours = Math.floor(safe / HOUR);
    const minutes = Math.floor((safe % HOUR) / MINUTE);
    return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
  }
  const days = Math.floor(safe / DAY);
  const hours = Math.floor((safe % DAY) / HOUR);
  return hours === 0 ? `${days} d` : `${days} d ${hours} h`;
}

/** A running clock: "4:07", "1:05:09". */
export function formatStopwatch(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / SECOND);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

export interface TimeOptions {
  /** for tests; the viewer's own by default */
  locale?: string;
  timeZone?: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(options: Intl.DateTimeFormatOptions, { locale, timeZone }: TimeOptions): Intl.DateTimeFormat {
  const id = JSON.stringify([options, locale, timeZone]);
  let made = formatters.get(id);
  if (!made) {
    made = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(id, made);
  }
  return made;
}

const twelveHour = (options: TimeOptions) => {
  const cycle = formatter({ hour: 'numeric' }, options).resolvedOptions().hourCycle;
  return cycle === 'h11' || cycle === 'h12';
};

const dayOf = (ms: number, options: TimeOptions) =>
  formatter({ year: 'numeric', month: '2-digit', day: '2-digit' }, options).format(ms);

/**
 * A moment in the viewer's time zone: "14:03" today, "24 Nov, 14:03" on another day; with seconds
 * where order matters (timelines).
 */
export function formatTime(
  at: string | number,
  now: number,
  options: TimeOptions & { seconds?: boolean } = {},
): string {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  if (Number.isNaN(ms)) return '';
  const clock: Intl.DateTimeFormatOptions = {
    // "08:05" on a 24-hour clock, "8:05 AM" on a 12-hour one
    hour: twelveHour(options) ? 'numeric' : '2-digit',
    minute: '2-digit',
    ...(options.seconds ? { second: '2-digit' } : {}),
  };
  if (dayOf(ms, options) === dayOf(now, options)) return formatter(clock, options).format(ms);
  return formatter({ day: 'numeric', month: 'short', ...clock }, options).format(ms);
}

/** Zoom's way of writing meeting numbers: 857 4606 5432, 912 345 6789. */
export function formatMeetingId(id: string): string {
  if (!/^\d{9,11}$/.test(id)) return id;
  if (id.length === 11) return `${id.slice(0, 3)} ${id.slice(3, 7)} ${id.slice(7)}`;
  return `${id.slice(0, 3)} ${id.slice(3, 6)} ${id.slice(6)}`;
}

/** "1,204": grouped as the English around it */
export const formatCount = (n: number) => n.toLocaleString('en');

export const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** "Ken Watanabe is sharing a whiteboard in Room 2". */
export function shareSentence(name: string, content: string, roomLabel: string | null): string {
  return `${name} is sharing ${sharedThing({ content })}${roomLabel ? ` in ${roomLabel}` : ''}`;
}

/** "12 in the main room, 4 in breakout rooms, 2 waiting": the counts as an accessible sentence. */
export function countsSentence(counts: MeetingCounts): string {
  const parts = [`${formatCount(counts.main)} in the main room`];
  if (counts.breakout > 0) parts.push(`${formatCount(counts.breakout)} in breakout rooms`);
  parts.push(counts.waiting > 0 ? `${formatCount(counts.waiting)} waiting` : 'nobody waiting');
  return parts.join(', ');
}

/**
 * Initials for an avatar: first letters of the first and last word ("AL"), one Hangul syllable ("김").
 * Only name words count: what people add in brackets ("(she/her)", "[Sales]") and lone punctuation do not.
 */
export function initials(name: string): string {
  const words = name
    .replace(/[([{][^)\]}]*[)\]}]?/gu, ' ')
    .split(/\s+/u)
    .filter((word) => /[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(word));
  if (words.length === 0) return '?';
  const first = [...words[0]!][0] ?? '?';
  if (/\p{Script=Hangul}|\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}/u.test(first)) return first;
  const last = words.length > 1 ? ([...words.at(-1)!][0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** A stable hue (0-359) per name, for avatars. */
export function hueOf(text: string): number {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return hash % 360;
}

export interface ConnectionWords {
  /** the short state: "Live", "Reconnecting…" */
  label: string;
  /** what it means for the data shown; null while it is current */
  warning: string | null;
}

/** The connection state as the header and the banner say it. */
export function connectionWords(
  state: ConnectionState,
  staleSince: number | null,
  now: number,
  options: TimeOptions = {},
): ConnectionWords {
  const since =
    staleSince === null ? '' : ` since ${formatTime(staleSince, now, options)} (${formatDuration(now - staleSince)})`;
  switch (state) {
    case 'connecting':
      return { label: 'Connecting…', warning: null };
    case 'live':
      return { label: 'Live', warning: null };
    case 'reconnecting':
      return { label: 'Reconnecting…', warning: `Connection lost${since}: the data shown may be stale.` };
    case 'offline':
      return {
        label: 'Offline',
        warning: `Offline${since}: the data shown may be stale. Reload the page to reconnect.`,
      };
  }
}

/** Where someone is, after "in"/"is": "the main room", "Room 2", "the waiting room". */
export function placeWords(location: Location, roomLabel: string | null): string {
  switch (location) {
    case 'main':
      return 'in the main room';
    case 'breakout':
      return roomLabel ? `in ${roomLabel}` : 'in a breakout room';
    case 'waiting':
      return 'in the waiting room';
    case 'jbh_waiting':
      return 'waiting for the host to join';
  }
}

/** An alert's summary with its times in the viewer's time zone (the API words them in UTC). */
export function alertSummary(alert: AlertView, now: number, options: TimeOptions = {}): string {
  const { kind, details } = alert as { kind: AlertKind; details: AlertDetailsByKind[AlertKind] };
  return describeAlert(kind, details, (iso) => formatTime(iso, now, options)).summary;
}
