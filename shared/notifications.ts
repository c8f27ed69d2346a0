/**
 * Notification channels (where alerts go off the screen) and their delivery log, as the REST API
 * takes and answers them (server/notify/ makes them; the dashboard's Notifications page shows them).
 */
import { z } from 'zod';
import { ALERT_SEVERITIES, type AlertKind, type AlertSeverity } from './alerts';

export const CHANNEL_TYPES = ['slack', 'teams', 'webhook', 'email'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** pending: in the outbox, waiting for its (next) attempt; failed: given up after a day of retries */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

const KIND_NAMES = {
  at_risk_meeting: true,
  quality_issue: true,
  join_storm: true,
  waiting_room_backlog: true,
  unexpected_share: true,
  mass_exodus: true,
  host_absent: true,
  over_time: true,
  unstable_participant: true,
  recording_started: true,
  live_streaming_started: true,
  converted_to_webinar: true,
} satisfies Record<AlertKind, true>;
/** Every kind of alert, for choosing which a channel sends. */
export const ALERT_KIND_NAMES = Object.keys(KIND_NAMES) as AlertKind[];

/** The longest a digest may collect alerts: one day. */
export const MAX_DIGEST_MINUTES = 1440;

/** bytes of a base64 text; -1 if it is not well-formed base64 (such as a wrong padding) */
function decodedLength(base64: string): number {
  try {
    return atob(base64).length;
  } catch {
    return -1;
  }
}

const SECRET_PATTERN = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

const httpUrl = z
  .string({ message: 'must be a URL' })
  .max(2048, 'must be at most 2048 characters')
  .refine((text) => {
    try {
      const url = new URL(text);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL');

const emailAddress = z.email({ message: 'must be an email address' }).max(254);

const common = {
  name: z
    .string({ message: 'must be text' })
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters'),
  minSeverity: z.enum(ALERT_SEVERITIES, { message: 'must be info, warning or critical' }).default('warning'),
  kinds: z
    .array(
      z.enum(ALERT_KIND_NAMES as [AlertKind, ...AlertKind[]], {
        message: `must be one of ${ALERT_KIND_NAMES.join(', ')}`,
      }),
    )
    .min(1, 'must name at least one kind (or be left out for every kind)')
    .nullable()
    .default(null),
  accounts: z
    .array(z.string().trim().min(1, 'must not be empty').max(100))
    .min(1, 'must name at least one Zoom account_id (or be left out for every account)')
    .max(100)
    .nullable()
    .default(null),
  digestMinutes: z
    .number({ message: 'must be a number of minutes' })
    .int('must be a whole number of minutes')
    .min(0, 'must be 0 (send at once) or more')
    .max(MAX_DIGEST_MINUTES, `must be at most ${MAX_DIGEST_MINUTES} (a day)`)
    .default(0),
};

/** A channel as created (POST) or as a PATCH leaves it: validated whole, per type. */
export const channelInputSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('slack'), url: httpUrl, ...common }),
    z.strictObject({ type: z.literal('teams'), url: httpUrl, ...common }),
    z.strictObject({
      type: z.literal('webhook'),
      url: httpUrl,
      secret: z
        .string()
        .regex(SECRET_PATTERN, { message: 'must be whsec_ followed by base64', abort: true })
        .refine((s) => {
          const bytes = decodedLength(s.slice('whsec_'.length));
          return bytes >= 24 && bytes <= 64;
        }, 'must hold 24 to 64 bytes of base64 after whsec_')
        .optional(),
      ...common,
    }),
    z.strictObject({
      type: z.literal('email'),
      to: z
        .union([emailAddress, z.array(emailAddress).min(1, 'must name at least one address').max(20)])
        .transform((to) => (typeof to === 'string' ? [to] : to)),
      ...common,
    }),
  ],
  { message: `type must be one of ${CHANNEL_TYPES.join(', ')}` },
);
export type ChannelInput = z.output<typeof channelInputSchema>;

/** What a channel needs to send, secrets included: stored, never answered. */
export type ChannelConfig = { url: string } | { url: string; secret: string } | { to: string[] };

export interface ChannelView {
  id: number;
  type: ChannelType;
  name: string;
  /** where it sends, without secrets: the URL's origin (a Slack or Teams URL's path is its secret), or the addresses */
  target: string;
  minSeverity: AlertSeverity;
  kinds: AlertKind[] | null;
  accounts: string[] | null;
  digestMinutes: number;
  createdAt: string;
}

/** The answer to creating a webhook channel holds its signing secret, this once. */
export type CreatedChannel = ChannelView & { secret?: string };

export interface DeliveryView {
  id: number;
  channelId: number;
  /** null once the channel is deleted */
  channelName: string | null;
  alerts: { id: number; title: string; severity: AlertSeverity; meetingTopic: string | null }[];
  status: DeliveryStatus;
  attempts: number;
  createdAt: string;
  /** pending: when the next attempt is due */
  dueAt: string;
  lastAttemptAt: string | null;
  lastError: string | null;
  deliveredAt: string | null;
}

export interface DeliveryPage {
  deliveries: DeliveryView[];
  /** pass as `before` for older ones; null at the end */
  nextBefore: number | null;
}
