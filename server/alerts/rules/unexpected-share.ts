import type { Finding } from '../kinds';
import type { ConditionRule } from './rule';

const MAY_SHARE = new Set(['host', 'co-host', 'panelist']);

/**
 * Someone who is not host, co-host or panelist sharing in a meeting for longer than `minimumMs`
 * (a share shown for a moment, by mistake, passes). Webinars are left out: their attendees cannot
 * share at all, and webhooks never say who is a panelist.
 */
export function unexpectedShareRule(minimumMs: number): ConditionRule {
  return {
    kind: 'unexpected_share',
    evaluate: ({ state, summary }, now) => {
      if (summary.kind === 'webinar') return [];
      const findings = new Map<string, Finding>();
      for (const share of summary.sharing) {
        const role = state.participants.get(share.participantKey)?.effectiveRole ?? 'attendee';
        if (MAY_SHARE.has(role) || findings.has(share.participantKey)) continue;
        if (minimumMs > 0 && now - Date.parse(share.startedAt) < minimumMs) continue;
        findings.set(share.participantKey, {
          kind: 'unexpected_share',
          subject: share.participantKey,
          details: {
            participantKey: share.participantKey,
            participantName: share.participantName,
            role,
            content: share.content,
            breakoutRoomUuid: share.breakoutRoomUuid,
            startedAt: share.startedAt,
          },
        });
      }
      return [...findings.values()];
    },
  };
}
