import { answerOf, errorOf, getAnswer } from '../support/api';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView } from '../../shared/alerts';
import type { ChannelView, CreatedChannel, DeliveryView } from '../../shared/notifications';
import { Scenario } from '../../server/demo/simulator';
import type { SimMeeting } from '../../server/demo/simulator/meeting';
import { eventually } from '../support/eventually';
import { FakeClock } from '../support/fake-clock';
import {
  startHttpReceiver,
  startSmtpReceiver,
  verifyStandardWebhook,
  type HttpReceiver,
  type SmtpReceiver,
} from '../support/receivers';
import { loginCookie, startTestServer, type TestServer, type TestServerOptions } from '../support/server';

const MINUTE = 60_000;
/** quick retries, so that a test sees several within a second */
const NOTIFY: TestServerOptions['notify'] = {
  publicUrl: 'https://roomwatch.example.com',
  retry: { firstMs: 50, maxMs: 200 },
  attemptTimeoutMs: 5_000,
};

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

async function createChannel(server: TestServer, body: unknown): Promise<CreatedChannel> {
  const response = await server.api('/api/notification-channels', json(body));
  expect(response.status, await response.clone().text()).toBe(201);
  return answerOf('POST /api/notification-channels', response);
}

async function deliveries(server: TestServer, channelId?: number): Promise<DeliveryView[]> {
  const query = channelId === undefined ? '' : `?channel=${channelId}`;
  return (await answerOf('GET /api/notification-deliveries', await server.api(`/api/notification-deliveries${query}`)))
    .deliveries;
}

/** A story whose meetings are stamped at the server's clock, so that their alerts open now. */
function story(server: TestServer, seed: number) {
  const scenario = new Scenario({ seed, start: server.application.clock.now() - 5 * MINUTE, exactTimes: true });
  return {
    scenario,
    meeting: (topic: string) => scenario.meeting({ topic }),
    deliver: async () => {
      scenario.waitUntil(Math.max(scenario.now, server.application.clock.now()));
      for (const { body } of scenario.take()) expect((await server.post(body)).status).toBe(200);
    },
  };
}

const alertsOf = async (server: TestServer) => (await getAnswer(server.api, 'GET /api/alerts')).alerts;

describe('managing channels', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ notify: NOTIFY });
  });
  afterAll(() => server.close());

  it('creates each type, answers a generated webhook secret once, and never the URLs or secrets again', async () => {
    const slackUrl = 'https://hooks.slack.com/services/T000/B000/XXXXSECRETXXXX';
    const slack = await createChannel(server, { type: 'slack', name: 'Ops on Slack', url: slackUrl });
    expect(slack).toMatchObject({
      type: 'slack',
      name: 'Ops on Slack',
      target: 'https://hooks.slack.com',
      minSeverity: 'warning',
      kinds: null,
      accounts: null,
      digestMinutes: 0,
    });
    expect(slack).not.toHaveProperty('secret');
    const hook = await createChannel(server, {
      type: 'webhook',
      name: 'Pager bridge',
      url: 'https://bridge.example.com/in/abc123token',
      minSeverity: 'critical',
      kinds: ['at_risk_meeting', 'host_absent'],
      accounts: ['acct-1'],
      digestMinutes: 15,
    });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(hook.secret!.slice(6), 'base64')).toHaveLength(32);

    const listed = await (await server.api('/api/notification-channels')).text();
    const shown = await (await server.api(`/api/notification-channels/${hook.id}`)).text();
    for (const text of [listed, shown]) {
      expect(text).not.toContain(hook.secret!.slice(6));
      expect(text).not.toContain('XXXXSECRETXXXX');
      expect(text).not.toContain('abc123token');
    }
    const { channels } = JSON.parse(listed) as { channels: ChannelView[] };
    expect(channels.map((c) => [c.name, c.target])).toEqual([
      ['Ops on Slack', 'https://hooks.slack.com'],
      ['Pager bridge', 'https://bridge.example.com'],
    ]);
  });

  it('refuses invalid channels with a 400 naming the field, and stores nothing', async () => {
    const before = await (await server.api('/api/notification-channels')).text();
    const cases: [unknown, RegExp][] = [
      [{ type: 'sms', name: 'x', url: 'https://a.example' }, /type must be one of slack, teams, webhook, email/],
      [{ type: 'slack', name: 'x', url: 'not a url' }, /url: must be an absolute http\(s\) URL/],
      [{ type: 'slack', name: 'x', url: 'ftp://a.example/x' }, /url: must be an absolute http\(s\) URL/],
      [{ type: 'slack', name: '  ', url: 'https://a.example' }, /name: must not be empty/],
      [{ type: 'slack', name: 'x', url: 'https://a.example', minSeverity: 'high' }, /minSeverity/],
      [{ type: 'slack', name: 'x', url: 'https://a.example', kinds: ['meteor'] }, /kinds\.0: must be one of/],
      [{ type: 'slack', name: 'x', url: 'https://a.example', digestMinutes: 2000 }, /digestMinutes: must be at most/],
      [{ type: 'slack', name: 'x', url: 'https://a.example', digestMinutes: 1.5 }, /digestMinutes/],
      [{ type: 'slack', name: 'x', url: 'https://a.example', to: 'a@b.example' }, /to/],
      [{ type: 'webhook', name: 'x', url: 'https://a.example', secret: 'hunter2' }, /secret: must be whsec_/],
      [{ type: 'webhook', name: 'x', url: 'https://a.example', secret: 'whsec_c2hvcnQ=' }, /secret: must hold 24/],
      [{ type: 'webhook', name: 'x', url: 'https://a.example', secret: 'whsec_abc=' }, /secret: must hold 24/],
      [{ type: 'email', name: 'x', to: 'not-an-address' }, /to/],
    ];
    for (const [body, message] of cases) {
      const response = await server.api('/api/notification-channels', json(body));
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(response)).message, JSON.stringify(body)).toMatch(message);
    }
    const email = await server.api('/api/notification-channels', json({ type: 'email', name: 'x', to: 'a@b.example' }));
    expect(email.status).toBe(400);
    expect((await errorOf(email)).code).toBe('smtp_not_configured');
    const notJson = await server.api('/api/notification-channels', { method: 'POST', body: '{' });
    expect(notJson.status).toBe(415);
    expect(await (await server.api('/api/notification-channels')).text()).toBe(before);
  });

  it('changes fields with PATCH, validated whole, keeping the secrets and the type', async () => {
    const channel = await createChannel(server, { type: 'webhook', name: 'To patch', url: 'https://p.example/h' });
    const patch = (body: unknown) =>
      server.api(`/api/notification-channels/${channel.id}`, { ...json(body), method: 'PATCH' });

    const changed = await patch({ name: 'Patched', minSeverity: 'info', kinds: ['over_time'], digestMinutes: 5 });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ name: 'Patched', minSeverity: 'info', kinds: ['over_time'] });
    expect((await patch({ kinds: null })).status).toBe(200);

    for (const [body, message] of [
      [{ type: 'slack' }, /type: cannot change/],
      [{ url: 'nope' }, /url: must be an absolute/],
      [{ colour: 'red' }, /colour/],
      [[1, 2], /JSON object/],
    ] as const) {
      const response = await patch(body);
      expect(response.status).toBe(400);
      expect((await errorOf(response)).message).toMatch(message);
    }
    const now = await getAnswer(server.api, 'GET /api/notification-channels/:id', { params: { id: channel.id } });
    expect(now).toMatchObject({ name: 'Patched', kinds: null, digestMinutes: 5, target: 'https://p.example' });
    expect(now).not.toHaveProperty('secret');
  });

  it('deletes a channel; unknown ids are 404 and bad ids 400', async () => {
    const channel = await createChannel(server, { type: 'teams', name: 'Gone soon', url: 'https://t.example/wf' });
    expect((await server.api(`/api/notification-channels/${channel.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await server.api(`/api/notification-channels/${channel.id}`)).status).toBe(404);
    expect((await server.api(`/api/notification-channels/${channel.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await server.api(`/api/notification-channels/${channel.id}/test`, { method: 'POST' })).status).toBe(404);
    expect((await server.api('/api/notification-channels/abc')).status).toBe(400);
    expect((await server.api('/api/notification-deliveries?limit=0')).status).toBe(400);
  });

  it('records who created, changed and deleted a channel in the audit log, never its URL or secret', async () => {
    const url = 'https://hooks.slack.com/services/T1/B1/audited-secret-path';
    const channel = await createChannel(server, { type: 'slack', name: 'Audited', url });
    const renamed = await server.api(`/api/notification-channels/${channel.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Audited, renamed' }),
    });
    expect(renamed.status).toBe(200);
    expect((await server.api(`/api/notification-channels/${channel.id}`, { method: 'DELETE' })).status).toBe(204);
    const { entries } = await getAnswer(server.api, 'GET /api/audit', { query: { action: 'channel_changed' } });
    const mine = entries.filter((entry) => entry.target === String(channel.id)).reverse();
    expect(mine.map((entry) => [entry.actor, entry.details])).toEqual([
      ['admin', { change: 'created', name: 'Audited', type: 'slack' }],
      ['admin', { change: 'updated', name: 'Audited, renamed', type: 'slack' }],
      ['admin', { change: 'deleted', name: 'Audited, renamed', type: 'slack' }],
    ]);
    expect(JSON.stringify(entries)).not.toContain('audited-secret-path');
  });

  it('is for admins only: an operator who sees every account gets 403 everywhere', async () => {
    await server.application.auth.users.add('mina', 'mina-password-1', null, { role: 'operator' });
    const cookie = await loginCookie(server.url, 'mina', 'mina-password-1');
    for (const [method, path] of [
      ['GET', '/api/notification-channels'],
      ['POST', '/api/notification-channels'],
      ['GET', '/api/notification-channels/1'],
      ['PATCH', '/api/notification-channels/1'],
      ['DELETE', '/api/notification-channels/1'],
      ['POST', '/api/notification-channels/1/test'],
      ['GET', '/api/notification-deliveries'],
    ]) {
      const response = await fetch(`${server.url}${path}`, { method, headers: { cookie } });
      expect(response.status, `${method} ${path}`).toBe(403);
    }
  });
});

describe('delivering alerts to real local receivers', () => {
  let server: TestServer;
  let slack: HttpReceiver;
  let teams: HttpReceiver;
  let hook: HttpReceiver;
  let smtp: SmtpReceiver;

  beforeAll(async () => {
    [slack, teams, hook, smtp] = await Promise.all([
      startHttpReceiver(),
      startHttpReceiver(),
      startHttpReceiver(),
      startSmtpReceiver(),
    ]);
    server = await startTestServer({
      notify: { ...NOTIFY, smtp: { url: smtp.url, from: 'alerts@roomwatch.example.com' } },
    });
  });
  afterAll(async () => {
    await server.close();
    await Promise.all([slack.stop(), teams.stop(), hook.stop(), smtp.close()]);
  });

  it('sends each alert that opens, once, to every channel that wants it, in each format', async () => {
    const s = await createChannel(server, { type: 'slack', name: 'Slack', url: `${slack.url}/services/T1/B1/x` });
    const t = await createChannel(server, { type: 'teams', name: 'Teams', url: `${teams.url}/workflows/1` });
    const w = await createChannel(server, {
      type: 'webhook',
      name: 'Hook',
      url: `${hook.url}/in`,
      minSeverity: 'info',
    });
    const e = await createChannel(server, {
      type: 'email',
      name: 'Mail',
      to: ['ops@example.com', 'lead@example.com'],
      minSeverity: 'critical',
    });
    const otherAccount = await createChannel(server, {
      type: 'webhook',
      name: 'Other account',
      url: `${hook.url}/other`,
      accounts: ['someone-else'],
    });
    const onlyHostAbsent = await createChannel(server, {
      type: 'slack',
      name: 'Host absent only',
      url: `${slack.url}/other`,
      kinds: ['host_absent'],
    });

    const { meeting, deliver } = story(server, 7);
    const townHall: SimMeeting = meeting('Town hall <all hands> & more');
    townHall.riskAlert({ post_platform: 'Facebook', post_user: 'Raid Crew' });
    townHall.alert(['Unstable audio quality']);
    await deliver();
    const opened = await alertsOf(server);
    const risk = opened.find((a) => a.kind === 'at_risk_meeting')!;
    const quality = opened.find((a) => a.kind === 'quality_issue')!;
    expect(risk && quality).toBeTruthy();

    const settled = await eventually(async () => {
      const log = await deliveries(server);
      return log.length > 0 && log.every((d) => d.status === 'delivered') && log;
    });
    // the filters: severity, kinds, accounts
    const carried = (channelId: number) =>
      settled
        .filter((d) => d.channelId === channelId)
        .flatMap((d) => d.alerts.map((a) => a.id))
        .sort();
    expect(carried(s.id)).toEqual([risk.id, quality.id].sort());
    expect(carried(t.id)).toEqual([risk.id, quality.id].sort());
    expect(carried(e.id)).toEqual([risk.id]);
    expect(carried(w.id)).toEqual(opened.map((a) => a.id).sort());
    expect(carried(otherAccount.id)).toEqual([]);
    expect(carried(onlyHostAbsent.id)).toEqual([]);
    for (const delivery of settled) expect(delivery).toMatchObject({ attempts: 1, lastError: null });

    // Slack: Block Kit, escaped, with the link to the alert's meeting
    const meetingLink = `https://roomwatch.example.com/#/meetings/${encodeURIComponent(risk.meetingUuid)}`;
    expect(slack.requests.map((r) => r.path)).toEqual(['/services/T1/B1/x', '/services/T1/B1/x']);
    const slackRisk = slack.accepted().find((m) => JSON.stringify(m).includes('Facebook')) as {
      text: string;
      blocks: { type: string; text?: { type: string; text: string } }[];
    };
    expect(slackRisk.text).toContain('[CRITICAL] Meeting link posted on Facebook');
    expect(slackRisk.blocks[0]).toEqual({
      type: 'header',
      text: {
        type: 'plain_text',
        text: expect.stringContaining('[CRITICAL] Meeting link posted on Facebook'),
        emoji: true,
      },
    });
    const section = slackRisk.blocks.find((b) => b.type === 'section')!.text!;
    expect(section.type).toBe('mrkdwn');
    expect(section.text).toContain(`<${meetingLink}|Meeting link posted on Facebook>`);
    expect(section.text).toContain('*Meeting:* Town hall &lt;all hands&gt; &amp; more');
    expect(section.text).toContain('Raid Crew');
    expect(slack.requests[0]!.headers['content-type']).toBe('application/json');

    // Teams: a message with one Adaptive Card
    const card = teams.accepted().find((m) => JSON.stringify(m).includes('Facebook')) as {
      type: string;
      attachments: { contentType: string; content: Record<string, unknown> }[];
    };
    expect(card.type).toBe('message');
    expect(card.attachments).toHaveLength(1);
    expect(card.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.attachments[0]!.content).toMatchObject({
      type: 'AdaptiveCard',
      version: '1.4',
      actions: [{ type: 'Action.OpenUrl', url: meetingLink }],
    });
    const cardText = JSON.stringify(card.attachments[0]!.content.body);
    expect(cardText).toContain('CRITICAL: Meeting link posted on Facebook');
    expect(cardText).toContain('Town hall <all hands> & more');

    // the generic webhook: signed per Standard Webhooks, one id per message
    expect(hook.requests).toHaveLength(opened.length);
    for (const request of hook.requests) {
      expect(verifyStandardWebhook(w.secret!, request)).toBe(true);
      expect(verifyStandardWebhook(otherAccount.secret!, request)).toBe(false);
      expect(request.headers['webhook-id']).toMatch(/^msg_\d+$/);
      expect(Math.abs(Number(request.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(600);
    }
    expect(new Set(hook.requests.map((r) => r.headers['webhook-id'])).size).toBe(hook.requests.length);
    const hookRisk = hook.accepted().find((m) => JSON.stringify(m).includes('Facebook')) as {
      type: string;
      data: { alerts: (AlertView & { url: string })[] };
    };
    expect(hookRisk.type).toBe('alerts.opened');
    expect(hookRisk.data.alerts).toEqual([{ ...risk, url: meetingLink }]);

    // email: to both addresses, the subject says what, where and how bad
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.from).toBe('alerts@roomwatch.example.com');
    expect(smtp.mails[0]!.to).toEqual(['ops@example.com', 'lead@example.com']);
    expect(smtp.mails[0]!.raw).toMatch(/Subject: \[CRITICAL\] Meeting link posted on Facebook in Town hall/);
    expect(smtp.mails[0]!.raw).toContain(meetingLink.slice(0, 40));
  });

  it('sends a test message on request, and says why one failed', async () => {
    const channel = await createChannel(server, { type: 'webhook', name: 'Testable', url: `${hook.url}/test` });
    const before = hook.requests.length;
    const ok = await server.api(`/api/notification-channels/${channel.id}/test`, { method: 'POST' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ delivered: true });
    const request = hook.requests[before]!;
    expect(verifyStandardWebhook(channel.secret!, request)).toBe(true);
    expect(JSON.parse(request.body)).toMatchObject({ type: 'roomwatch.test', data: { alerts: [] } });

    hook.answer(500);
    try {
      const failed = await server.api(`/api/notification-channels/${channel.id}/test`, { method: 'POST' });
      expect(failed.status).toBe(502);
      expect(await failed.json()).toEqual({
        error: { code: 'delivery_failed', message: expect.stringMatching(/answered 500: receiver failed/) },
      });
    } finally {
      hook.answer(200);
    }
    const mail = await createChannel(server, { type: 'email', name: 'Mail test', to: 'desk@example.com' });
    expect((await server.api(`/api/notification-channels/${mail.id}/test`, { method: 'POST' })).status).toBe(200);
    expect(smtp.mails.at(-1)!.raw).toContain('Subject: Roomwatch test message');
  });

  it('retries an email the SMTP server refuses for now, and sends it once', async () => {
    const channel = await createChannel(server, { type: 'email', name: 'Busy mail', to: 'busy@example.com' });
    smtp.refuse(true);
    try {
      const { meeting, deliver } = story(server, 8);
      meeting('Mail later').alert(['High CPU usage']);
      await deliver();
      const failing = await eventually(async () => {
        const [delivery] = await deliveries(server, channel.id);
        return delivery && delivery.attempts >= 2 && delivery;
      });
      expect(failing.status).toBe('pending');
      expect(failing.lastError).toMatch(/^SMTP: .*451.*mailbox busy/);
    } finally {
      smtp.refuse(false);
    }
    await eventually(async () => (await deliveries(server, channel.id))[0]?.status === 'delivered');
    const mine = smtp.mails.filter((m) => m.to.includes('busy@example.com'));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.raw).toMatch(/Subject: \[WARNING\] High CPU usage in Mail later/);
  });
});

describe('durable delivery', () => {
  let receiver: HttpReceiver;
  let server: TestServer | undefined;
  beforeAll(async () => {
    receiver = await startHttpReceiver();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    receiver.answer(200);
    await receiver.restart().catch(() => undefined);
  });
  afterAll(() => receiver.stop());

  it('retries after a 500, with the same message id, until the receiver takes it', async () => {
    server = await startTestServer({ notify: NOTIFY });
    const channel = await createChannel(server, { type: 'webhook', name: 'Flaky', url: `${receiver.url}/flaky` });
    receiver.answer(500);
    const { meeting, deliver } = story(server, 11);
    meeting('Retry me').alert(['Unstable video quality']);
    await deliver();
    const failing = await eventually(async () => {
      const [delivery] = await deliveries(server!, channel.id);
      return delivery && delivery.attempts >= 3 && delivery;
    });
    expect(failing.status).toBe('pending');
    expect(failing.lastError).toMatch(/answered 500/);
    receiver.answer(200);
    const done = await eventually(async () => {
      const [delivery] = await deliveries(server!, channel.id);
      return delivery?.status === 'delivered' && delivery;
    });
    const mine = receiver.requests.filter((r) => r.path === '/flaky');
    expect(mine.filter((r) => r.status === 200)).toHaveLength(1);
    expect(mine).toHaveLength(done.attempts);
    expect(new Set(mine.map((r) => r.headers['webhook-id']))).toEqual(new Set([`msg_${done.id}`]));
    for (const request of mine) expect(verifyStandardWebhook(channel.secret!, request)).toBe(true);
  });

  it('retries while the receiver is down, and delivers once it is back', async () => {
    server = await startTestServer({ notify: NOTIFY });
    const channel = await createChannel(server, { type: 'slack', name: 'Down', url: `${receiver.url}/down` });
    await receiver.stop();
    const { meeting, deliver } = story(server, 12);
    meeting('Nobody listening').alert(['High CPU usage']);
    await deliver();
    const failing = await eventually(async () => {
      const [delivery] = await deliveries(server!, channel.id);
      return delivery && delivery.attempts >= 2 && delivery;
    });
    expect(failing.lastError).toMatch(/could not reach 127\.0\.0\.1:\d+/);
    await receiver.restart();
    await eventually(async () => (await deliveries(server!, channel.id))[0]?.status === 'delivered');
    expect(receiver.requests.filter((r) => r.path === '/down')).toHaveLength(1);
  });

  it('keeps what is pending across a restart of Roomwatch and sends it after', async () => {
    server = await startTestServer({ notify: NOTIFY });
    const channel = await createChannel(server, { type: 'teams', name: 'After restart', url: `${receiver.url}/later` });
    await receiver.stop();
    const { meeting, deliver } = story(server, 13);
    meeting('Survives restarts').riskAlert({ post_platform: 'Reddit' });
    await deliver();
    await eventually(async () => ((await deliveries(server!, channel.id))[0]?.attempts ?? 0) >= 1);
    const { dir } = server;
    await server.stop();
    await receiver.restart();
    server = await startTestServer({ dir, notify: NOTIFY });
    const [delivery] = await eventually(async () => {
      const log = await deliveries(server!, channel.id);
      return log[0]?.status === 'delivered' && log;
    });
    expect(delivery!.alerts.map((a) => a.title)).toEqual(['Meeting link posted on Reddit']);
    const received = receiver.requests.filter((r) => r.path === '/later' && r.status === 200);
    expect(received).toHaveLength(1);
    expect(received[0]!.body).toContain('Meeting link posted on Reddit');
  });

  it('a receiver that never answers delays neither ingest nor the other channels', async () => {
    const hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const hangingUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
    try {
      server = await startTestServer({ notify: { ...NOTIFY, attemptTimeoutMs: 600_000 } });
      const slow = await createChannel(server, { type: 'webhook', name: 'Hangs', url: `${hangingUrl}/never` });
      const fast = await createChannel(server, { type: 'webhook', name: 'Fast', url: `${receiver.url}/fast` });
      const { meeting, deliver } = story(server, 14);
      const first = meeting('First');
      first.alert(['Unstable audio quality']);
      await deliver();
      await eventually(async () => (await deliveries(server!, fast.id))[0]?.status === 'delivered');
      // the second alert is taken and delivered while the first attempt to the slow channel still hangs
      first.alert(['High CPU usage']);
      await deliver();
      await eventually(async () => {
        const log = await deliveries(server!, fast.id);
        return log.length === 2 && log.every((d) => d.status === 'delivered');
      });
      const stuck = await deliveries(server!, slow.id);
      expect(stuck.map((d) => [d.status, d.attempts])).toEqual([
        ['pending', 0],
        ['pending', 0],
      ]);
    } finally {
      await server?.close();
      server = undefined;
      hanging.closeAllConnections();
      hanging.close();
    }
  });

  it('batches a digest channel: the alerts of its window go as one message when it ends', async () => {
    const clock = new FakeClock(Date.now());
    server = await startTestServer({ clock, notify: NOTIFY });
    const digest = await createChannel(server, {
      type: 'webhook',
      name: 'Digest',
      url: `${receiver.url}/digest`,
      minSeverity: 'info',
      digestMinutes: 10,
    });
    const { meeting, deliver } = story(server, 15);
    const a = meeting('Planning');
    const b = meeting('Retro');
    a.alert(['Unstable audio quality', 'High CPU usage']);
    await deliver();
    clock.advance(4 * MINUTE);
    b.riskAlert({ post_platform: 'X' });
    await deliver();
    const opened = await alertsOf(server);
    expect(opened.length).toBeGreaterThanOrEqual(3);
    const [pending] = await deliveries(server, digest.id);
    expect(pending).toMatchObject({ status: 'pending', attempts: 0 });
    expect(pending!.alerts.map((x) => x.id).sort()).toEqual(opened.map((x) => x.id).sort());
    expect(Date.parse(pending!.dueAt) - Date.parse(pending!.createdAt)).toBe(10 * MINUTE);

    clock.advance(6 * MINUTE);
    await eventually(async () => (await deliveries(server!, digest.id))[0]?.status === 'delivered');
    const batches = receiver.requests.filter((r) => r.path === '/digest');
    expect(batches).toHaveLength(1);
    const body = JSON.parse(batches[0]!.body) as { data: { subject: string; alerts: AlertView[] } };
    expect(body.data.alerts.map((x) => x.id).sort()).toEqual(opened.map((x) => x.id).sort());
    expect(body.data.subject).toMatch(new RegExp(`^${opened.length} new alerts in 2 meetings \\(1 critical\\)$`));
    expect(body.data.alerts[0]!.severity).toBe('critical');

    // the next alert starts the next window
    b.alert(['Call Reconnection']);
    await deliver();
    const log = await deliveries(server, digest.id);
    expect(log.map((d) => [d.status, d.alerts.length])).toEqual([
      ['pending', 1],
      ['delivered', opened.length],
    ]);
  });

  it('keeps the log of settled messages for the retention period, and pending ones until they are sent', async () => {
    const clock = new FakeClock(Date.now());
    const week = 7 * 86_400_000;
    server = await startTestServer({
      clock,
      retentionMs: 86_400_000,
      sessionIdleMs: week,
      sessionMaxMs: week,
      notify: NOTIFY,
    });
    const now = await createChannel(server, { type: 'webhook', name: 'Now', url: `${receiver.url}/now` });
    const { meeting, deliver } = story(server, 16);
    meeting('Kept a day').alert(['Unstable audio quality']);
    await deliver();
    await eventually(async () => (await deliveries(server!, now.id))[0]?.status === 'delivered');
    clock.advance(23 * 3_600_000);
    const later = await createChannel(server, {
      type: 'webhook',
      name: 'Later',
      url: `${receiver.url}/later`,
      digestMinutes: 1440,
    });
    meeting('The next day').alert(['High CPU usage']);
    await deliver();
    await eventually(async () => {
      const log = await deliveries(server!, now.id);
      return log.length === 2 && log.every((d) => d.status === 'delivered');
    });
    clock.advance(2 * 3_600_000);
    // the first is older than a day: gone; the second and the digest still waiting stay
    expect((await deliveries(server, now.id)).map((d) => d.alerts[0]!.title)).toEqual(['High CPU usage']);
    expect((await deliveries(server, later.id)).map((d) => d.status)).toEqual(['pending']);
  });
});
