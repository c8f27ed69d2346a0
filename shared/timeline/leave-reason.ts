/**
 * Reads Zoom's free-text `leave_reason`. Real values look like "Ana Lima left the meeting. Reason :
 * left the meeting to join breakout room" or "got disconnected from the meeting. Reason : Client
 * Close." (captures, April 2026); the spec lists the bare reasons ("Host ended the meeting.",
 * "Removed by host.", "Leave waiting room."...). A breakout move or a return to the main room also
 * arrives as a leave, so the reason decides what the admin reads.
 */

import { clip, MAX_SENTENCE, MAX_TITLE, text } from './wording';

export type Departure =
  | { kind: 'to_breakout_room' }
  | { kind: 'to_main_room' }
  | { kind: 'left_waiting_room' }
  | { kind: 'removed_from_waiting_room' }
  | { kind: 'removed' }
  /** cause: extra words worth showing, e.g. "network connection error"; null when there are none */
  | { kind: 'disconnected'; cause: string | null }
  | { kind: 'left'; cause: string | null };

/** The reasons of the spec, lower-cased without the final period, and how we word them (null: say nothing more). */
const causes: Readonly<Record<string, string | null>> = {
  'left the meeting': null,
  'left the webinar': null,
  'client close': null,
  'unknown reason': null,
  'host ended the meeting': 'host ended the meeting',
  'host ended the webinar': 'host ended the webinar',
  'host closed the meeting': 'host closed the meeting',
  'host started a new meeting': 'host started a new meeting',
  'network connection error': 'network connection error',
  'host did not join': 'host did not join',
  'exceeded free meeting minutes limit': 'free meeting minutes limit reached',
};

/** "Ana Lima left the meeting", "got disconnected from the webinar": the sentence we write already says this */
const HEADLINE = /(^|\s)(left|got disconnected from) the (meeting|webinar)$/;

const REASON_MARKER = /reason\s*:/i;

export function readLeaveReason(leaveReason: string | null | undefined): Departure {
  const reason = text(leaveReason, MAX_SENTENCE);
  if (reason === null) return { kind: 'left', cause: null };
  const lower = reason.toLowerCase();
  if (lower.includes('join main meeting')) return { kind: 'to_main_room' };
  if (lower.includes('join breakout room')) return { kind: 'to_breakout_room' };
  if (lower.includes('removed by host from waiting room')) return { kind: 'removed_from_waiting_room' };
  if (lower.includes('removed by host')) return { kind: 'removed' };
  if (lower.includes('leave waiting room')) return { kind: 'left_waiting_room' };

  const marker = REASON_MARKER.exec(reason);
  const detail = (marker ? reason.slice(marker.index + marker[0].length) : reason).trim().replace(/\.+$/, '');
  const key = detail.toLowerCase();
  let cause: string | null;
  if (Object.hasOwn(causes, key)) cause = causes[key]!;
  else if (detail === '' || HEADLINE.test(key)) cause = null;
  else cause = clip(detail, MAX_TITLE);

  const disconnected = lower.includes('got disconnected') || key === 'network connection error';
  return disconnected ? { kind: 'disconnected', cause } : { kind: 'left', cause };
}
