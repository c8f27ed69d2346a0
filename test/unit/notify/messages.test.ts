import { describe, expect, it } from 'vitest';
import type { AlertView } from '../../../shared/alerts';
import { alertsMessage, plainText, testMessage } from '../../../server/notify/message';
import { emailHtml } from '../../../server/notify/providers/email';
import { slackBody } from '../../../server/notify/providers/slack';
import { teamsBody } from '../../../server/notify/providers/teams';

const DASHBOARD = 'https://roomwatch.example.com';

function alert(id: number, severity: AlertView['severity'], topic: string | null, uuid = `m${id}==`): AlertView {
  return {
    id,
    meetingUuid: uuid,
    meetingTopic: topic,
    accountId: 'acct',
    kind: 'quality_issue',
    severity,
    subject: 'Unstable audio quality',
    title: 'Unstable audio quality',
    summary: 'Zoom reported "Unstable audio quality" in this meeting.',
    details: { issue: 'Unstable audio quality' },
    status: 'open',
    firstSeenAt: '2026-12-03T10:00:00.000Z',
    lastSeenAt: '2026-12-03T10:00:00.000Z',
    count: 1,
    acknowledgedBy: null,
    acknowledgedAt: null,
    resolvedAt: null,
    resolvedReason: null,
    flapping: false,
    acknowledgedNote: null,
    snooze: null,
  };
}

describe('notification messages', () => {
  it('says what, where and how bad, most severe first, with a link to each meeting', () => {
    const message = alertsMessage([alert(2, 'info', 'Retro'), alert(1, 'critical', null, 'a/b+c==')], DASHBOARD);
    expect(message.subject).toBe('2 new alerts in 2 meetings (1 critical)');
    expect(message.alerts.map(({ alert: a, url }) => [a.id, url])).toEqual([
      [1, `${DASHBOARD}/#/meetings/a%2Fb%2Bc%3D%3D`],
      [2, `${DASHBOARD}/#/meetings/m2%3D%3D`],
    ]);
    expect(plainText(message)).toContain('CRITICAL: Unstable audio quality\nMeeting: meeting a/b+c==');
    expect(alertsMessage([alert(3, 'warning', 'Retro')], DASHBOARD).subject).toBe(
      '[WARNING] Unstable audio quality in Retro',
    );
  });

  it('keeps a large digest within what Slack and Teams take', () => {
    const many = Array.from({ length: 120 }, (_, i) => alert(i + 1, 'warning', `Meeting ${i}`));
    const message = alertsMessage(many, DASHBOARD);
    const slack = slackBody(message) as { text: string; blocks: { type: string; elements?: { text: string }[] }[] };
    expect(slack.blocks.length).toBeLessThanOrEqual(50);
    expect(slack.text.length).toBeLessThanOrEqual(3000);
    expect(slack.blocks.at(-1)!.elements![0]!.text).toBe(`…and 80 more in <${DASHBOARD}|Roomwatch>`);
    const teams = JSON.stringify(teamsBody(message));
    expect(teams).toContain('…and 95 more.');
    expect(Buffer.byteLength(teams)).toBeLessThan(28_000);
  });

  it('escapes what the receivers would read as markup', () => {
    const message = alertsMessage([alert(1, 'critical', '<b>Q&A</b> "live"')], DASHBOARD);
    expect(JSON.stringify(slackBody(message))).toContain('&lt;b&gt;Q&amp;A&lt;/b&gt;');
    expect(emailHtml(message)).toContain('Meeting: &lt;b&gt;Q&amp;A&lt;/b&gt; &quot;live&quot;');
  });

  it('a test message names its channel and has no alerts', () => {
    const message = testMessage('Ops', DASHBOARD);
    expect(message.alerts).toEqual([]);
    expect(plainText(message)).toBe(`The channel "Ops" works: Roomwatch alerts will arrive here.\n\n${DASHBOARD}\n`);
  });
});
