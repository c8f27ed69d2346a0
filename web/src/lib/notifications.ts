/** The Notifications page's logic: who may manage channels, and its form as the API's JSON. */
import { can, type SessionInfo } from '../../../shared/auth';
import type { AlertKind, AlertSeverity } from '../../../shared/alerts';
import type { ChannelType, ChannelView } from '../../../shared/notifications';

/** Who may manage notifications: the role shared/auth.ts names for channels, as the server checks. */
export const isAdmin = (user: SessionInfo | null): boolean => user !== null && can(user.role, 'channels');

export const TYPE_LABEL: Record<ChannelType, string> = {
  slack: 'Slack',
  teams: 'Microsoft Teams',
  webhook: 'Webhook',
  email: 'Email',
};

export const kindLabel = (kind: string) => kind.replace(/_/g, ' ');

export interface ChannelForm {
  type: ChannelType;
  name: string;
  /** slack, teams, webhook; blank when editing keeps the stored one */
  url: string;
  /** webhook: blank generates one (or, when editing, keeps it) */
  secret: string;
  /** email: comma-separated addresses */
  to: string;
  minSeverity: AlertSeverity;
  allKinds: boolean;
  kinds: AlertKind[];
  /** comma-separated Zoom account_ids; blank for every account */
  accounts: string;
  digestMinutes: number;
}

export const emptyForm = (): ChannelForm => ({
  type: 'slack',
  name: '',
  url: '',
  secret: '',
  to: '',
  minSeverity: 'warning',
  allKinds: true,
  kinds: [],
  accounts: '',
  digestMinutes: 0,
});

/** The form filled with a channel, to edit it (its secrets stay on the server). */
export const formOf = (channel: ChannelView): ChannelForm => ({
  ...emptyForm(),
  type: channel.type,
  name: channel.name,
  minSeverity: channel.minSeverity,
  allKinds: channel.kinds === null,
  kinds: channel.kinds ?? [],
  accounts: channel.accounts?.join(', ') ?? '',
  digestMinutes: channel.digestMinutes,
});

const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** The body of POST (editing: false) or PATCH (editing: true) /api/notification-channels. */
export function channelBody(form: ChannelForm, editing: boolean): Record<string, unknown> {
  const accounts = list(form.accounts);
  const body: Record<string, unknown> = {
    name: form.name,
    minSeverity: form.minSeverity,
    kinds: form.allKinds ? null : form.kinds,
    accounts: accounts.length > 0 ? accounts : null,
    digestMinutes: form.digestMinutes,
  };
  if (!editing) body.type = form.type;
  if (form.type === 'email') {
    if (!editing || form.to.trim() !== '') body.to = list(form.to);
  } else {
    if (!editing || form.url.trim() !== '') body.url = form.url.trim();
    if (form.type === 'webhook' && form.secret.trim() !== '') body.secret = form.secret.trim();
  }
  return body;
}
