/** The alerts Zoom sends itself: quality issues, at-risk meetings, and a meeting becoming a webinar. */
import { zoomEventSchemas, type ZoomEventName, type ZoomEventOf } from '../../../shared/zoom/events.generated';
import type { AppliedEvent } from '../../ingest/ingest';
import { MEETING_SUBJECT, type Finding } from '../kinds';
import type { EventRule } from './rule';

/** The typed event (ingest validated it already; the body it hands on is the raw JSON). */
function parsed<N extends ZoomEventName>(name: N, event: AppliedEvent): ZoomEventOf<N> | null {
  if (event.name !== name) return null;
  const result = zoomEventSchemas[name].safeParse(event.body);
  return result.success ? (result.data as ZoomEventOf<N>) : null;
}

const orNull = (value: string | null | undefined) => (value ? value : null);

function qualityIssues(event: AppliedEvent): Finding[] {
  const alert = parsed('meeting.alert', event) ?? parsed('webinar.alert', event);
  if (!alert) return [];
  const issues = new Set(alert.payload.object.issues.map((issue) => issue.trim()).filter((issue) => issue !== ''));
  return [...issues].map((issue) => ({ kind: 'quality_issue', subject: issue, details: { issue } }));
}

function atRisk(event: AppliedEvent): Finding[] {
  const risk = parsed('meeting.risk_alert', event);
  if (!risk) return [];
  const { armn_details: armn, host_email: hostEmail } = risk.payload.object;
  const socialLink = orNull(armn.social_link);
  return [
    {
      kind: 'at_risk_meeting',
      // each post that leaks the link is its own alert; a repeat about the same post counts
      subject: socialLink ?? orNull(armn.meeting_url) ?? MEETING_SUBJECT,
      details: {
        postPlatform: orNull(armn.post_platform),
        socialLink,
        postTime: orNull(armn.post_time),
        postUser: orNull(armn.post_user),
        meetingUrl: orNull(armn.meeting_url),
        hostEmail: orNull(hostEmail),
        recommendedEnableSettings: armn.recommended_enable_settings ?? [],
        recommendedDisableSettings: armn.recommended_disable_settings ?? [],
      },
    },
  ];
}

function converted(event: AppliedEvent): Finding[] {
  if (event.name !== 'meeting.converted_to_webinar') return [];
  const convertedAt = new Date(event.eventTs).toISOString();
  return [{ kind: 'converted_to_webinar', subject: MEETING_SUBJECT, details: { convertedAt } }];
}

export const zoomAlertsRule: EventRule = {
  onEvent: (event) => [...qualityIssues(event), ...atRisk(event), ...converted(event)],
};
