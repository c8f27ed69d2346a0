/**
 * A Microsoft Teams workflow webhook ("Post to a channel when a webhook request is received"): a
 * message with one Adaptive Card attachment, which the workflow posts as it is.
 */
import { meetingName, severityWord, type Message } from '../message';
import { post, type Provider } from './provider';

/** Teams refuses cards over about 28 KB */
const MAX_ALERTS = 25;
const COLOR = { critical: 'Attention', warning: 'Warning', info: 'Accent' } as const;

export function teamsBody(message: Message): object {
  const body: object[] = [{ type: 'TextBlock', text: message.subject, weight: 'Bolder', size: 'Medium', wrap: true }];
  if (message.note !== null) body.push({ type: 'TextBlock', text: message.note, wrap: true });
  for (const { alert, url } of message.alerts.slice(0, MAX_ALERTS)) {
    body.push({
      type: 'Container',
      separator: true,
      items: [
        {
          type: 'TextBlock',
          text: `${severityWord(alert.severity)}: ${alert.title}`,
          weight: 'Bolder',
          color: COLOR[alert.severity],
          wrap: true,
        },
        { type: 'FactSet', facts: [{ title: 'Meeting', value: meetingName(alert) }] },
        { type: 'TextBlock', text: alert.summary, wrap: true },
      ],
      selectAction: { type: 'Action.OpenUrl', url, title: 'Open in Roomwatch' },
    });
  }
  const more = message.alerts.length - MAX_ALERTS;
  if (more > 0) body.push({ type: 'TextBlock', text: `…and ${more} more.`, wrap: true, isSubtle: true });
  const first = message.alerts[0];
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body,
          actions: [
            {
              type: 'Action.OpenUrl',
              title: message.alerts.length === 1 ? 'Open the alert in Roomwatch' : 'Open Roomwatch',
              url: message.alerts.length === 1 && first ? first.url : message.dashboardUrl,
            },
          ],
        },
      },
    ],
  };
}

export const teamsProvider: Provider<{ url: string }> = {
  async send(config, message, { signal }) {
    await post(config.url, JSON.stringify(teamsBody(message)), { 'content-type': 'application/json' }, signal);
  },
};
