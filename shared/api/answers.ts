/**
 * The JSON answers of the REST API as zod schemas, each declared as the shared type it checks: a
 * field renamed in the type fails to compile here, and a test that parses an answer with these
 * fails when the server's answer drifts from the type.
 */
import { z } from 'zod';
import {
  ALERT_KIND_LIST,
  ALERT_RESOLUTIONS,
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  ALERT_TRANSITIONS,
  type AlertDetailsByKind,
  type AlertKind,
  type AlertView,
} from '../alerts';
import { alertSettingsSchema } from '../alert-settings';
import { AUDIT_ACTIONS, type AuditPage } from '../audit';
import { ROLES, type AuthMethods, type SessionInfo } from '../auth';
import type { CountPoint, CountsAnswer, MeetingReport, OverviewCountsAnswer } from '../history';
import { CHANNEL_TYPES, DELIVERY_STATUSES, type CreatedChannel, type DeliveryPage } from '../notifications';
import type { SearchResult } from '../search';
import type { MeetingDetail, MeetingSummary, ParticipantView } from '../state';
import { ownEventNames, type OwnEventName } from '../repair/events';
import type { BackfillReport, RepairStatusView, SetupCheck } from '../repair/status';
import type { QuarantinePage, StatusView } from '../status';
import { timelineCategories, type TimelineCategory } from '../timeline/categories';
import type { TimelinePage } from '../timeline/entry';

const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO 8601 time');
const nullable = <T extends z.ZodType>(schema: T) => schema.nullable();

/** POST /webhooks/zoom: what became of a delivery (a URL validation answers its token pair instead). */
export const webhookOutcome = z.union([
  z.object({ status: z.literal('accepted'), seq: z.number().int(), kind: z.enum(['known', 'unknown']) }),
  z.object({ status: z.literal('duplicate') }),
  z.object({ status: z.literal('quarantined'), reason: z.string() }),
]);
export type WebhookOutcome = z.infer<typeof webhookOutcome>;

const shareView = z.object({
  participantKey: z.string(),
  participantName: z.string(),
  content: z.string(),
  breakoutRoomUuid: nullable(z.string()),
  startedAt: instant,
});

const summaryShape = {
  uuid: z.string(),
  id: z.string(),
  topic: z.string(),
  kind: z.enum(['meeting', 'webinar']),
  hostId: z.string(),
  hostName: nullable(z.string()),
  accountId: z.string(),
  status: z.enum(['live', 'ended', 'stale']),
  startedAt: nullable(instant),
  endedAt: nullable(instant),
  scheduledDuration: nullable(z.number()),
  recording: z.boolean(),
  recordingPaused: z.boolean(),
  liveStreaming: z.boolean(),
  counts: z.object({ main: z.number().int(), breakout: z.number().int(), waiting: z.number().int() }),
  sharing: z.array(shareView),
  lastEventAt: instant,
};
export const meetingSummary: z.ZodType<MeetingSummary> = z.object(summaryShape);

const participantView: z.ZodType<ParticipantView> = z.object({
  key: z.string(),
  name: z.string(),
  email: nullable(z.string()),
  role: z.string(),
  location: z.enum(['main', 'breakout', 'waiting', 'jbh_waiting']),
  breakoutRoomUuid: nullable(z.string()),
  joinedAt: instant,
  firstJoinedAt: instant,
  phone: nullable(z.string()),
  device: z.enum(['computer', 'phone']),
  userId: nullable(z.string()),
});

export const meetingDetail: z.ZodType<MeetingDetail> = z.object({
  ...summaryShape,
  participants: z.array(participantView),
  breakoutRooms: z.array(
    z.object({ uuid: nullable(z.string()), label: z.string(), participantCount: z.number().int() }),
  ),
});

const alertDetails = {
  quality_issue: z.object({ issue: z.string() }),
  at_risk_meeting: z.object({
    postPlatform: nullable(z.string()),
    socialLink: nullable(z.string()),
    postTime: nullable(z.string()),
    postUser: nullable(z.string()),
    meetingUrl: nullable(z.string()),
    hostEmail: nullable(z.string()),
    recommendedEnableSettings: z.array(z.string()),
    recommendedDisableSettings: z.array(z.string()),
  }),
  recording_started: z.object({ paused: z.boolean() }),
  live_streaming_started: z.object({ since: instant }),
  converted_to_webinar: z.object({ convertedAt: instant }),
  join_storm: z.object({ joins: z.number(), windowSeconds: z.number() }),
  waiting_room_backlog: z.object({
    waiting: z.number(),
    longestWaitingName: z.string(),
    longestWaitingSince: instant,
  }),
  unexpected_share: z.object({
    participantKey: z.string(),
    participantName: z.string(),
    role: z.string(),
    content: z.string(),
    breakoutRoomUuid: nullable(z.string()),
    startedAt: instant,
  }),
  mass_exodus: z.object({ left: z.number(), before: z.number(), windowSeconds: z.number() }),
  host_absent: z.object({ hostName: z.string(), leftAt: instant }),
  over_time: z.object({ startedAt: instant, scheduledMinutes: z.number(), scheduledEnd: instant }),
  unstable_participant: z.object({
    name: z.string(),
    email: nullable(z.string()),
    rejoins: z.number(),
    windowMinutes: z.number(),
  }),
} satisfies { [K in keyof AlertDetailsByKind]: z.ZodType<AlertDetailsByKind[K]> };

const alertBase = {
  id: z.number().int(),
  meetingUuid: z.string(),
  meetingTopic: nullable(z.string()),
  accountId: nullable(z.string()),
  severity: z.enum(ALERT_SEVERITIES),
  subject: z.string(),
  title: z.string(),
  summary: z.string(),
  status: z.enum(ALERT_STATUSES),
  firstSeenAt: instant,
  lastSeenAt: instant,
  count: z.number().int(),
  flapping: z.boolean(),
  acknowledgedBy: nullable(z.string()),
  acknowledgedAt: nullable(instant),
  acknowledgedNote: nullable(z.string()),
  snooze: nullable(z.object({ by: z.string(), at: instant, until: nullable(instant) })),
  resolvedAt: nullable(instant),
  resolvedReason: nullable(z.enum(ALERT_RESOLUTIONS)),
};

const alertOf = <K extends AlertKind>(kind: K) =>
  z.object({ ...alertBase, kind: z.literal(kind), details: alertDetails[kind] });

export const alertView: z.ZodType<AlertView> = z.discriminatedUnion('kind', [
  alertOf('quality_issue'),
  alertOf('at_risk_meeting'),
  alertOf('recording_started'),
  alertOf('live_streaming_started'),
  alertOf('converted_to_webinar'),
  alertOf('join_storm'),
  alertOf('waiting_room_backlog'),
  alertOf('unexpected_share'),
  alertOf('mass_exodus'),
  alertOf('host_absent'),
  alertOf('over_time'),
  alertOf('unstable_participant'),
]);

const countPoint: z.ZodType<CountPoint> = z.tuple([z.number(), z.number(), z.number(), z.number()]);

export const countsAnswer: z.ZodType<CountsAnswer> = z.object({ points: z.array(countPoint) });

export const overviewCountsAnswer: z.ZodType<OverviewCountsAnswer> = z.object({
  since: z.number(),
  meetings: z.record(z.string(), z.array(countPoint)),
});

export const meetingReport: z.ZodType<MeetingReport> = z.object({
  meeting: meetingSummary,
  durationMinutes: z.number(),
  peak: nullable(z.object({ count: z.number().int(), at: instant })),
  points: z.array(countPoint),
  rooms: z.array(
    z.object({
      uuid: nullable(z.string()),
      label: z.string(),
      people: z.array(z.object({ name: z.string(), minutes: z.number() })),
    }),
  ),
  waiting: z.object({
    people: z.number().int(),
    stays: z.number().int(),
    medianMinutes: nullable(z.number()),
    longestMinutes: nullable(z.number()),
  }),
  shares: z.array(
    z.object({
      name: z.string(),
      content: z.string(),
      room: nullable(z.string()),
      startedAt: instant,
      endedAt: nullable(instant),
    }),
  ),
  recording: z.array(z.object({ state: z.enum(['on', 'paused']), startedAt: instant, endedAt: nullable(instant) })),
  alerts: z.array(alertView),
  attendance: z.array(
    z.object({
      name: z.string(),
      email: nullable(z.string()),
      role: z.string(),
      firstJoin: nullable(instant),
      lastLeave: nullable(instant),
      minutesInMeeting: z.number(),
      minutesInBreakoutRooms: z.number(),
      minutesWaiting: z.number(),
      connections: z.number().int(),
    }),
  ),
});

export const timelinePage: z.ZodType<TimelinePage> = z.object({
  entries: z.array(
    z.object({
      id: z.string(),
      source: z.enum(['zoom', 'repair', 'alert']),
      type: z.string(),
      category: z.enum(timelineCategories.map((c) => c.id) as [TimelineCategory, ...TimelineCategory[]]),
      severity: z.enum(ALERT_SEVERITIES),
      at: instant,
      meetingUuid: nullable(z.string()),
      meetingTopic: nullable(z.string()),
      sentence: z.string(),
    }),
  ),
  nextCursor: nullable(z.string()),
});

export const auditPage: z.ZodType<AuditPage> = z.object({
  entries: z.array(
    z.object({
      id: z.number().int(),
      at: instant,
      actor: nullable(z.string()),
      action: z.enum(AUDIT_ACTIONS),
      target: nullable(z.string()),
      details: nullable(z.record(z.string(), z.unknown())),
    }),
  ),
  nextCursor: nullable(z.number()),
});

export const searchResult: z.ZodType<SearchResult> = z.object({
  hits: z.array(
    z.object({
      meetingUuid: z.string(),
      meetingTopic: z.string(),
      meetingId: z.string(),
      kind: z.enum(['meeting', 'webinar']),
      status: z.enum(['live', 'ended', 'stale']),
      participant: participantView,
      roomLabel: nullable(z.string()),
    }),
  ),
  truncated: z.boolean(),
});

export const statusView: z.ZodType<StatusView> = z.object({
  startedAt: instant,
  webhooks: z.object({
    accepted: z.number().int(),
    unknown: z.number().int(),
    duplicates: z.number().int(),
    quarantined: z.number().int(),
    storeFailures: z.number().int(),
    rejected: z.record(z.string(), z.number().int()),
    rejectedTotal: z.number().int(),
  }),
  repair: z.object({
    corrections: z.number().int(),
    backfilled: z.object({
      accepted: z.number().int(),
      duplicates: z.number().int(),
      quarantined: z.number().int(),
    }),
  }),
  stored: z.object({
    events: z.number().int(),
    quarantined: z.number().int(),
    meetings: z.number().int(),
    liveMeetings: z.number().int(),
  }),
});

export const quarantinePage: z.ZodType<QuarantinePage> = z.object({
  deliveries: z.array(
    z.object({
      id: z.number().int(),
      receivedAt: instant,
      event: nullable(z.string()),
      reason: z.string(),
      bytes: z.number().int(),
      preview: z.string(),
    }),
  ),
  nextBefore: nullable(z.number()),
});

export const channelView: z.ZodType<CreatedChannel> = z.object({
  id: z.number().int(),
  type: z.enum(CHANNEL_TYPES),
  name: z.string(),
  target: z.string(),
  minSeverity: z.enum(ALERT_SEVERITIES),
  kinds: nullable(z.array(z.enum(ALERT_KIND_LIST))),
  accounts: nullable(z.array(z.string())),
  digestMinutes: z.number(),
  createdAt: instant,
  secret: z.string().optional(),
});

export const deliveryPage: z.ZodType<DeliveryPage> = z.object({
  deliveries: z.array(
    z.object({
      id: z.number().int(),
      channelId: z.number().int(),
      channelName: nullable(z.string()),
      alerts: z.array(
        z.object({
          id: z.number().int(),
          title: z.string(),
          severity: z.enum(ALERT_SEVERITIES),
          meetingTopic: nullable(z.string()),
        }),
      ),
      status: z.enum(DELIVERY_STATUSES),
      attempts: z.number().int(),
      createdAt: instant,
      dueAt: instant,
      lastAttemptAt: nullable(instant),
      lastError: nullable(z.string()),
      deliveredAt: nullable(instant),
    }),
  ),
  nextBefore: nullable(z.number()),
});

export const sessionInfo: z.ZodType<SessionInfo> = z.object({
  username: z.string(),
  accountIds: nullable(z.array(z.string())),
  role: z.enum(ROLES),
});

export const authMethods: z.ZodType<AuthMethods> = z.object({ password: z.boolean(), sso: z.boolean() });

export const alertSettings = alertSettingsSchema;

export const alertTransition = z.enum(ALERT_TRANSITIONS);

const dashboardAvailability = z.enum(['unknown', 'available', 'unavailable']);

export const backfillReport: z.ZodType<BackfillReport> = z.object({
  at: instant,
  from: instant,
  to: instant,
  entries: z.number().int(),
  accepted: z.number().int(),
  duplicates: z.number().int(),
  quarantined: z.number().int(),
  error: nullable(z.string()),
});

export const repairStatusView: z.ZodType<RepairStatusView> = z.object({
  enabled: z.boolean(),
  accounts: z.array(
    z.object({
      accountId: z.string(),
      dashboard: dashboardAvailability,
      checks: z.object({
        participants: z.number().int(),
        meetings: z.number().int(),
        ignored: z.number().int(),
        failed: z.number().int(),
      }),
      corrections: z.record(z.enum(ownEventNames as [OwnEventName, ...OwnEventName[]]), z.number().int()),
      calls: z.object({
        list: z.number().int(),
        heavy: z.number().int(),
        today: z.number().int(),
        dailyLimit: z.number(),
        ok: z.number().int(),
        rateLimited: z.number().int(),
        notFound: z.number().int(),
        failed: z.number().int(),
        pausedUntil: nullable(instant),
      }),
      lastCheckAt: nullable(instant),
      lastError: nullable(z.object({ at: instant, message: z.string() })),
      backfill: nullable(backfillReport),
    }),
  ),
});

export const setupCheck: z.ZodType<SetupCheck> = z.object({
  accountId: z.string(),
  tokenError: nullable(z.string()),
  scopes: z.array(z.string()),
  missingScopes: z.array(z.string()),
  dashboard: dashboardAvailability,
  backfill: z.boolean(),
  problems: z.array(z.string()),
});
