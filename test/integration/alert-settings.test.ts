import { getAnswer } from '../support/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_SETTINGS, type AlertSettings } from '../../shared/alert-settings';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await server.application.auth.users.add('mina', 'mina-password-1');
});
afterAll(() => server?.close());

const chosen: AlertSettings = {
  popupSeverities: ['info'],
  mutedKinds: ['recording_started', 'over_time'],
  sound: true,
  desktop: true,
};

const put = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  server.api('/api/alert-settings', {
    method: 'PUT',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const settingsOf = () => getAnswer(server.api, 'GET /api/alert-settings');

describe('each user’s alert settings', () => {
  it('are the defaults until saved: warnings pop up, infos do not, no sound, no desktop notifications', async () => {
    expect(await settingsOf()).toEqual(DEFAULT_ALERT_SETTINGS);
    expect(DEFAULT_ALERT_SETTINGS).toEqual({
      popupSeverities: ['warning'],
      mutedKinds: [],
      sound: false,
      desktop: false,
    });
  });

  it('are saved whole, for that user only', async () => {
    const saved = await put(chosen);
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual(chosen);
    expect(await settingsOf()).toEqual(chosen);
    const mina = await server.login('mina', 'mina-password-1');
    const theirs = await fetch(`${server.url}/api/alert-settings`, { headers: { cookie: mina } });
    expect(await theirs.json()).toEqual(DEFAULT_ALERT_SETTINGS);
  });

  it.each([
    ['an unknown kind', { ...chosen, mutedKinds: ['coffee_break'] }],
    ['critical as a choice (it always pops up)', { ...chosen, popupSeverities: ['critical'] }],
    ['a missing field', { popupSeverities: [], mutedKinds: [], sound: false }],
    ['an extra field', { ...chosen, volume: 11 }],
    ['a string for a flag', { ...chosen, sound: 'yes' }],
  ])('refuses %s with 400 and keeps what was stored', async (_what, body) => {
    const response = await put(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_request' } });
    expect(await settingsOf()).toEqual(chosen);
  });

  it('refuses a body that is not JSON', async () => {
    expect((await put('{"sound": tru')).status).toBe(400);
    expect((await put(chosen, { 'content-type': 'text/plain' })).status).toBe(415);
    expect(await settingsOf()).toEqual(chosen);
  });

  it('need a session', async () => {
    const response = await fetch(`${server.url}/api/alert-settings`);
    expect(response.status).toBe(401);
  });
});
