/** A Slack incoming webhook: a Block Kit message, with plain text for notifications and old clients. */
import { meetingName, plainText, severityWord, type Message } from '../message';
import { post, type Provider } from './provider';

/** Slack takes at most 50 blocks in a message. */
const MAX_ALERT_BLOCKS = 40;
const EMOJI = { critical: ':red_circle:', warning: ':large_orange_circle:', info: ':large_blue_circle:' } as const;

/** Slack's mrkdwn gives &, < and > a meaning */
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function slackBody(message: Message): object {
  const blocks: object[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(message.subject, 150), emoji: true } },
  ];
  if (message.note !== null) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: escape(message.note) } });
  }
  for (const { alert, url } of message.alerts.slice(0, MAX_ALERT_BLOCKS)) {
    const text =
      `${EMOJI[alert.severity]} *${severityWord(alert.severity)}* <${url}|${escape(alert.title)}>\n` +
      `*Meeting:* ${escape(meetingName(alert))}\n${escape(alert.summary)}`;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(text, 3000) } });
  }
  const more = message.alerts.length - MAX_ALERT_BLOCKS;
  const footer =
    more > 0 ? `…and ${more} more in <${message.dashboardUrl}|Roomwatch>` : `<${message.dashboardUrl}|Roomwatch>`;
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: footer }] });
  return { text: clip(`${message.subject}\n${plainText(message)}`, 3000), blocks };
}

export const slackProvider: Provider<{ url: string }> = {
  async send(config, message, { signal }) {
    await post(config.url, JSON.stringify(slackBody(message)), { 'content-type': 'application/json' }, signal);
  },
};
