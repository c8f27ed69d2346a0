/**
 * What a notification says, whatever carries it: which alerts, how bad, in which meetings, and the
 * link to each in the dashboard. Providers lay it out for their receiver.
 */
import { bySeverity, type AlertSeverity, type AlertView } from '../../shared/alerts';
import { meetingHref } from '../../web/src/lib/routes';

export interface MessageAlert {
  alert: AlertView;
  /** the meeting's page in the dashboard, where the alert is shown with the meeting's others */
  url: string;
}

export interface Message {
  /** one line: the subject of an email, the header of a card */
  subject: string;
  /** the alerts, most severe first; empty for a test message */
  alerts: MessageAlert[];
  /** for a test message, what it is for */
  note: string | null;
  /** the dashboard's address */
  dashboardUrl: string;
}

export const severityWord = (severity: AlertSeverity) => severity.toUpperCase();

export const meetingName = (alert: AlertView) => alert.meetingTopic ?? `meeting ${alert.meetingUuid}`;

export function alertsMessage(alerts: readonly AlertView[], dashboardUrl: string): Message {
  const sorted = [...alerts].sort((a, b) => bySeverity(a, b) || a.id - b.id);
  const first = sorted[0]!;
  let subject: string;
  if (sorted.length === 1) subject = `[${severityWord(first.severity)}] ${first.title} in ${meetingName(first)}`;
  else {
    const meetings = new Set(sorted.map((a) => a.meetingUuid)).size;
    const critical = sorted.filter((a) => a.severity === 'critical').length;
    subject =
      `${sorted.length} new alerts in ${meetings} meeting${meetings === 1 ? '' : 's'}` +
      (critical > 0 ? ` (${critical} critical)` : '');
  }
  return {
    subject,
    alerts: sorted.map((alert) => ({ alert, url: `${dashboardUrl}/${meetingHref(alert.meetingUuid)}` })),
    note: null,
    dashboardUrl,
  };
}

export function testMessage(channelName: string, dashboardUrl: string): Message {
  return {
    subject: 'Roomwatch test message',
    alerts: [],
    note: `The channel "${channelName}" works: Roomwatch alerts will arrive here.`,
    dashboardUrl,
  };
}

/** The message as plain text: email bodies, and the fallback text of chat messages. */
export function plainText(message: Message): string {
  if (message.note !== null) return `${message.note}\n\n${message.dashboardUrl}\n`;
  return (
    message.alerts
      .map(
        ({ alert, url }) =>
          `${severityWord(alert.severity)}: ${alert.title}\nMeeting: ${meetingName(alert)}\n${alert.summary}\n${url}`,
      )
      .join('\n\n') + '\n'
  );
}
