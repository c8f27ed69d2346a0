import { sql } from 'drizzle-orm';
import {
  ALERT_RESOLUTIONS,
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  ALERT_TRANSITIONS,
  type AlertDetailsByKind,
  type AlertKind,
  type AlertView,
} from '../../shared/alerts';
import { CHANNEL_TYPES, DELIVERY_STATUSES, type ChannelConfig } from '../../shared/notifications';
import type { AlertSettings } from '../../shared/alert-settings';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ROLES } from '../../shared/auth';
import type { AccountRepairStatus } from '../../shared/repair/status';
import type { MeetingRecord, ParticipantRecord, ShareRecord } from '../state/records';

/** Every accepted webhook, in arrival order: the source of truth that live state is rebuilt from. */
export const events = sqliteTable(
  'events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    receivedAt: integer('received_at').notNull(),
    event: text('event').notNull(),
    eventTs: integer('event_ts'),
    meetingUuid: text('meeting_uuid'),
    accountId: text('account_id'),
    /** content hash: a redelivery of the same event maps to the same key */
    dedupKey: text('dedup_key').notNull().unique(),
    /** 'known' (validated against the spec) or 'unknown' (signed, but a type the spec does not list) */
    kind: text('kind', { enum: ['known', 'unknown'] }).notNull(),
    raw: text('raw').notNull(),
  },
  (t) => [
    index('events_meeting_idx').on(t.meetingUuid, t.seq),
    index('events_event_idx').on(t.event, t.seq),
    index('events_received_idx').on(t.receivedAt),
    // timelines read newest first by when things happened
    index('events_meeting_time_idx').on(t.meetingUuid, t.eventTs, t.seq),
    index('events_time_idx').on(t.eventTs, t.seq),
  ],
);

/** Signed deliveries that are not valid events: kept with the reason, never applied. */
export const quarantine = sqliteTable(
  'quarantine',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    receivedAt: integer('received_at').notNull(),
    event: text('event'),
    reason: text('reason').notNull(),
    dedupKey: text('dedup_key').notNull().unique(),
    body: blob('body', { mode: 'buffer' }).notNull(),
  },
  (t) => [index('quarantine_received_idx').on(t.receivedAt)],
);

/** Live state, one row per meeting instance; `record` is the reducer's MeetingRecord. */
export const meetings = sqliteTable(
  'meetings',
  {
    uuid: text('uuid').primaryKey(),
    accountId: text('account_id'),
    status: text('status', { enum: ['live', 'ended', 'stale'] }).notNull(),
    lastEventTs: integer('last_event_ts').notNull(),
    record: text('record', { mode: 'json' }).$type<MeetingRecord>().notNull(),
  },
  (t) => [index('meetings_status_idx').on(t.status)],
);

export const participants = sqliteTable(
  'participants',
  {
    meetingUuid: text('meeting_uuid').notNull(),
    key: text('key').notNull(),
    present: integer('present', { mode: 'boolean' }).notNull(),
    record: text('record', { mode: 'json' }).$type<ParticipantRecord>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingUuid, t.key] })],
);

export const shares = sqliteTable(
  'shares',
  {
    meetingUuid: text('meeting_uuid').notNull(),
    id: text('id').notNull(),
    record: text('record', { mode: 'json' }).$type<ShareRecord>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingUuid, t.id] })],
);

/** Alerts with their lifecycle; `details` is the kind's details object (shared/alerts.ts). */
export const alerts = sqliteTable(
  'alerts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingUuid: text('meeting_uuid').notNull(),
    accountId: text('account_id'),
    meetingTopic: text('meeting_topic'),
    kind: text('kind').$type<AlertKind>().notNull(),
    severity: text('severity', { enum: ALERT_SEVERITIES }).notNull(),
    subject: text('subject').notNull(),
    details: text('details', { mode: 'json' }).$type<AlertDetailsByKind[AlertKind]>().notNull(),
    status: text('status', { enum: ALERT_STATUSES }).notNull(),
    firstSeenAt: integer('first_seen_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    count: integer('count').notNull(),
    acknowledgedBy: text('acknowledged_by'),
    acknowledgedAt: integer('acknowledged_at'),
    acknowledgedNote: text('acknowledged_note'),
    resolvedAt: integer('resolved_at'),
    resolvedReason: text('resolved_reason', { enum: ALERT_RESOLUTIONS }),
    /** its condition came back often enough (ROOMWATCH_ALERT_FLAPPING_RETURNS) to call it flapping */
    flapping: integer('flapping', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    // at most one unresolved alert per (meeting, kind, subject): repeats count instead of flooding
    uniqueIndex('alerts_active_idx')
      .on(t.meetingUuid, t.kind, t.subject)
      .where(sql`${t.status} != 'resolved'`),
    index('alerts_status_idx').on(t.status, t.lastSeenAt),
    index('alerts_meeting_idx').on(t.meetingUuid, t.lastSeenAt),
  ],
);

/** Every step of every alert, for the meeting timeline. */
export const alertTransitions = sqliteTable(
  'alert_transitions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    alertId: integer('alert_id')
      .notNull()
      .references(() => alerts.id),
    meetingUuid: text('meeting_uuid').notNull(),
    transition: text('transition', { enum: ALERT_TRANSITIONS }).notNull(),
    at: integer('at').notNull(),
    by: text('by'),
    /** what the person acknowledging wrote */
    note: text('note'),
    /** a snooze's end (ms); null with `snoozed` for the end of the meeting */
    until: integer('until'),
  },
  (t) => [index('alert_transitions_meeting_idx').on(t.meetingUuid, t.at)],
);

/** One kind of alert silenced for one meeting, until a time or (until null) the meeting's end. */
export const alertSnoozes = sqliteTable(
  'alert_snoozes',
  {
    meetingUuid: text('meeting_uuid').notNull(),
    kind: text('kind').$type<AlertKind>().notNull(),
    until: integer('until'),
    by: text('by').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingUuid, t.kind] })],
);

/**
 * Dashboard users; `passwordHash` is self-describing (`scrypt$N$r$p$salt$hash`, see auth/password.ts),
 * empty for users who only sign in through single sign-on.
 */
export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  /** Zoom account_ids this user may see (JSON array); null for all accounts */
  accountIds: text('account_ids', { mode: 'json' }).$type<string[] | null>(),
  role: text('role', { enum: ROLES }).notNull().default('viewer'),
  /** `issuer sub` of the OpenID Connect identity this user signs in with; null for local users */
  ssoSubject: text('sso_subject').unique(),
  createdAt: integer('created_at').notNull(),
});

/** Signed-in browsers; only a hash of the cookie's token is stored, so a leaked database grants nothing. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    /** moves forward on use (idle timeout) but never past created_at + the absolute lifetime */
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Reduced state of a meeting at moments of its life (derived from the log, rebuilt when missing):
 * the state holds every event of the meeting up to and including `at` (event time, ms). Each
 * checkpoint continues the previous one (`from_at`), and keeps the meeting's counts over time since
 * then, so the whole curve is read without replaying the log.
 */
export const checkpoints = sqliteTable(
  'checkpoints',
  {
    meetingUuid: text('meeting_uuid').notNull(),
    at: integer('at').notNull(),
    /** the previous checkpoint's `at`; null for the first of the meeting */
    fromAt: integer('from_at'),
    /** JSON [[ms, main, breakout, waiting], ...]: each change of the counts in (from_at, at] */
    points: text('points').notNull(),
    /** the meeting's records, V8-serialised and deflated */
    state: blob('state', { mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingUuid, t.at] })],
);

/** Who did what: sign-ins, sign-outs, acknowledgements, user changes...; pruned by the retention setting. */
export const audit = sqliteTable(
  'audit',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    /** the username who acted (or tried to); null for the system itself */
    actor: text('actor'),
    action: text('action').notNull(),
    /** what it was done to: a username, an alert id, a channel... */
    target: text('target'),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_actor_idx').on(t.actor, t.at),
    index('audit_action_idx').on(t.action, t.at),
  ],
);

/**
 * Where alerts are sent off the screen (server/notify/). `config` is the type's settings, secrets
 * included (the webhook URL, the signing secret): the API never returns it.
 */
export const notificationChannels = sqliteTable('notification_channels', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  type: text('type', { enum: CHANNEL_TYPES }).notNull(),
  name: text('name').notNull(),
  config: text('config', { mode: 'json' }).$type<ChannelConfig>().notNull(),
  minSeverity: text('min_severity', { enum: ALERT_SEVERITIES }).notNull(),
  /** alert kinds to send (JSON array); null for every kind */
  kinds: text('kinds', { mode: 'json' }).$type<AlertKind[] | null>(),
  /** Zoom account_ids whose alerts to send (JSON array); null for every account */
  accounts: text('accounts', { mode: 'json' }).$type<string[] | null>(),
  digestMinutes: integer('digest_minutes').notNull(),
  createdAt: integer('created_at').notNull(),
});

/**
 * The outbox and the delivery log in one: one row per message to a channel, written in the same
 * transaction as the alerts it carries, so a message is never lost nor made up. A digest's row
 * takes the alerts opened until it is due. Rows outlive their channel (the log), hence no foreign key.
 */
export const notificationDeliveries = sqliteTable(
  'notification_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channelId: integer('channel_id').notNull(),
    /** AlertView snapshots (JSON array), as they were when opened */
    alerts: text('alerts', { mode: 'json' }).$type<AlertView[]>().notNull(),
    createdAt: integer('created_at').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull(),
    attempts: integer('attempts').notNull(),
    /** when the next attempt is due (pending); a digest's first one is the end of its window */
    dueAt: integer('due_at').notNull(),
    /** retries stop here: a day after the first attempt was due */
    giveUpAt: integer('give_up_at').notNull(),
    lastAttemptAt: integer('last_attempt_at'),
    lastError: text('last_error'),
    deliveredAt: integer('delivered_at'),
  },
  (t) => [
    index('notification_deliveries_due_idx').on(t.status, t.dueAt),
    index('notification_deliveries_channel_idx').on(t.channelId, t.id),
  ],
);

/** What pops up for each dashboard user (shared/alert-settings.ts); no row means the defaults. */
export const alertSettings = sqliteTable('alert_settings', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  settings: text('settings', { mode: 'json' }).$type<AlertSettings>().notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * What repair did lately, per Zoom account, as the running server last saw it: read by
 * `npm run zoom:check`, which runs in a process of its own.
 */
export const repairStatus = sqliteTable('repair_status', {
  accountId: text('account_id').primaryKey(),
  status: text('status', { mode: 'json' }).$type<AccountRepairStatus>().notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * What repair spent of an account's daily budget on Zoom's day (UTC, `YYYY-MM-DD`: Zoom's daily
 * limits start again at 00:00 UTC), written with every call, so that a restart the same day
 * carries on from there instead of with a full budget.
 */
export const repairBudget = sqliteTable('repair_budget', {
  accountId: text('account_id').primaryKey(),
  day: text('day').notNull(),
  calls: integer('calls').notNull(),
});
