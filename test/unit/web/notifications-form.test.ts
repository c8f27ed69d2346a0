import { describe, expect, it } from 'vitest';
import { channelInputSchema } from '../../../shared/notifications';
import { channelBody, emptyForm, formOf, isAdmin } from '../../../web/src/lib/notifications';

describe('the Notifications page form', () => {
  it('makes a body the API accepts for each type', () => {
    const slack = { ...emptyForm(), name: 'Ops', url: ' https://hooks.slack.com/services/x ' };
    expect(channelInputSchema.parse(channelBody(slack, false))).toMatchObject({
      type: 'slack',
      url: 'https://hooks.slack.com/services/x',
      kinds: null,
      accounts: null,
    });
    const email = {
      ...emptyForm(),
      type: 'email' as const,
      name: 'Mail',
      to: 'a@example.com, b@example.com,',
      allKinds: false,
      kinds: ['host_absent' as const],
      accounts: ' acct-1 , acct-2',
      digestMinutes: 30,
    };
    expect(channelInputSchema.parse(channelBody(email, false))).toMatchObject({
      to: ['a@example.com', 'b@example.com'],
      kinds: ['host_absent'],
      accounts: ['acct-1', 'acct-2'],
      digestMinutes: 30,
    });
  });

  it('leaves out, when editing, the type and the secrets left blank (the server keeps them)', () => {
    const form = formOf({
      id: 1,
      type: 'webhook',
      name: 'Hook',
      target: 'https://h.example',
      minSeverity: 'critical',
      kinds: null,
      accounts: ['acct-1'],
      digestMinutes: 0,
      createdAt: '2026-12-01T00:00:00.000Z',
    });
    expect(channelBody(form, true)).toEqual({
      name: 'Hook',
      minSeverity: 'critical',
      kinds: null,
      accounts: ['acct-1'],
      digestMinutes: 0,
    });
    expect(channelBody({ ...form, url: 'https://new.example/h' }, true)).toMatchObject({
      url: 'https://new.example/h',
    });
  });

  it('offers the page to admins only', () => {
    expect(isAdmin({ username: 'admin', accountIds: null, role: 'admin' })).toBe(true);
    expect(isAdmin({ username: 'mina', accountIds: ['acct-1'], role: 'admin' })).toBe(true);
    expect(isAdmin({ username: 'olga', accountIds: null, role: 'operator' })).toBe(false);
    expect(isAdmin(null)).toBe(false);
  });
});
