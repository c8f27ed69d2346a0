/**
 * The kinds of timeline entries an admin can filter by, in the order the dashboard lists them.
 * Each event type belongs to exactly one (see the table in sentences.ts); event types Zoom adds
 * after our spec land in "other".
 */
export const timelineCategories = [
  { id: 'meeting', label: 'Meeting start and end' },
  { id: 'participants', label: 'Participants' },
  { id: 'breakout_rooms', label: 'Breakout rooms' },
  { id: 'waiting_room', label: 'Waiting room' },
  { id: 'roles', label: 'Roles' },
  { id: 'sharing', label: 'Screen sharing' },
  { id: 'recording', label: 'Recording' },
  { id: 'streaming', label: 'Live streaming' },
  { id: 'alerts', label: 'Alerts' },
  { id: 'chat', label: 'Chat' },
  { id: 'invitations', label: 'Invitations and call-outs' },
  { id: 'scheduling', label: 'Scheduling' },
  { id: 'registration', label: 'Registration' },
  { id: 'summaries', label: 'AI Companion and summaries' },
  { id: 'cloud_recordings', label: 'Cloud recording files' },
  { id: 'account', label: 'Account' },
  { id: 'other', label: 'Other' },
] as const satisfies readonly { id: string; label: string }[];

export type TimelineCategory = (typeof timelineCategories)[number]['id'];

/** How loudly the dashboard shows an entry: quality alerts warn, an at-risk meeting is critical. */
export type Severity = 'info' | 'warning' | 'critical';
