/**
 * A generic webhook: JSON `{type, timestamp, data}` signed per Standard Webhooks, so a receiver can
 * check that Roomwatch sent it (and drop a retry it already has by `webhook-id`).
 */
import { signedHeaders } from '../standard-webhooks';
import { post, type Provider } from './provider';

export const webhookProvider: Provider<{ url: string; secret: string }> = {
  async send(config, message, { messageId, now, signal }) {
    const body = JSON.stringify({
      type: message.note === null ? 'alerts.opened' : 'roomwatch.test',
      timestamp: new Date(now).toISOString(),
      data: {
        subject: message.subject,
        note: message.note,
        dashboardUrl: message.dashboardUrl,
        alerts: message.alerts.map(({ alert, url }) => ({ ...alert, url })),
      },
    });
    const headers = signedHeaders(config.secret, messageId, Math.floor(now / 1000), body);
    await post(config.url, body, { 'content-type': 'application/json', ...headers }, signal);
  },
};
