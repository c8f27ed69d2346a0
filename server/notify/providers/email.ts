/**
 * Email over SMTP (nodemailer): the server is ROOMWATCH_SMTP_URL, the same for every email channel;
 * a channel only says whom to write to. A plain-text body with an HTML twin.
 */
import { createTransport } from 'nodemailer';
import { meetingName, plainText, severityWord, type Message } from '../message';
import { DeliveryError, type Provider } from './provider';

export interface SmtpSettings {
  /** smtp:// or smtps://, credentials included */
  url: string;
  from: string;
}

export const DEFAULT_SMTP_FROM = 'roomwatch@localhost';

/** How long each step of a conversation with the SMTP server may take. */
const SMTP_TIMEOUT_MS = 15_000;

const html = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function emailHtml(message: Message): string {
  if (message.note !== null) {
    return `<p>${html(message.note)}</p><p><a href="${html(message.dashboardUrl)}">Roomwatch</a></p>`;
  }
  return message.alerts
    .map(
      ({ alert, url }) =>
        `<p><strong>${severityWord(alert.severity)}: <a href="${html(url)}">${html(alert.title)}</a></strong><br>` +
        `Meeting: ${html(meetingName(alert))}<br>${html(alert.summary)}</p>`,
    )
    .join('\n');
}

export function emailProvider(smtp: SmtpSettings | null): Provider<{ to: string[] }> {
  return {
    async send(config, message, { messageId, signal }) {
      if (smtp === null) throw new DeliveryError('ROOMWATCH_SMTP_URL is not set: no SMTP server to send through');
      const transport = createTransport({
        url: smtp.url,
        connectionTimeout: SMTP_TIMEOUT_MS,
        greetingTimeout: SMTP_TIMEOUT_MS,
        socketTimeout: SMTP_TIMEOUT_MS,
      });
      const aborted = new Promise<never>((_, reject) =>
        signal.addEventListener('abort', () => reject(new DeliveryError('the SMTP server did not answer in time')), {
          once: true,
        }),
      );
      try {
        await Promise.race([
          transport.sendMail({
            from: smtp.from,
            to: config.to,
            subject: message.subject,
            text: plainText(message),
            html: emailHtml(message),
            // the same on every retry of one message
            messageId: `<${messageId}@roomwatch>`,
          }),
          aborted,
        ]);
      } catch (error) {
        if (error instanceof DeliveryError) throw error;
        throw new DeliveryError(`SMTP: ${(error as Error).message}`);
      } finally {
        transport.close();
      }
    },
  };
}
