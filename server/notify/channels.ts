/**
 * The notification channels: validated per type (shared/notifications.ts), stored with their
 * secrets, and kept in memory as well, because every alert that opens asks which channels want it.
 */
import { eq } from 'drizzle-orm';
import { severityRank, type AlertSeverity } from '../../shared/alerts';
import {
  channelInputSchema,
  type ChannelConfig,
  type ChannelInput,
  type ChannelView,
} from '../../shared/notifications';
import { ApiError } from '../http/errors';
import type { Db } from '../db/open';
import { notificationChannels } from '../db/schema';
import { generateSecret } from './standard-webhooks';

export type ChannelRow = typeof notificationChannels.$inferSelect;

/** What an alert offers to the channels' filters. */
export interface AlertFacts {
  kind: string;
  severity: AlertSeverity;
  accountId: string | null;
}

/** The config a channel's input says, with the signing secret if one had to be generated. */
function configOf(input: ChannelInput): { config: ChannelConfig; secret?: string } {
  switch (input.type) {
    case 'slack':
    case 'teams':
      return { config: { url: input.url } };
    case 'webhook': {
      if (input.secret !== undefined) return { config: { url: input.url, secret: input.secret } };
      const secret = generateSecret();
      return { config: { url: input.url, secret }, secret };
    }
    case 'email':
      return { config: { to: input.to } };
  }
}

/** The channel as its input, secrets included: what a PATCH is merged into. */
function inputOf(row: ChannelRow): Record<string, unknown> {
  const { type, name, minSeverity, kinds, accounts, digestMinutes, config } = row;
  return { type, name, minSeverity, kinds, accounts, digestMinutes, ...config };
}

export function channelView(row: ChannelRow): ChannelView {
  const config = row.config;
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    target: 'url' in config ? new URL(config.url).origin : config.to.join(', '),
    minSeverity: row.minSeverity,
    kinds: row.kinds,
    accounts: row.accounts,
    digestMinutes: row.digestMinutes,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

export class ChannelStore {
  private readonly byId = new Map<number, ChannelRow>();

  constructor(
    private readonly db: Db,
    /** whether email channels can send (ROOMWATCH_SMTP_URL is set) */
    private readonly emailConfigured: boolean,
  ) {
    for (const row of db.select().from(notificationChannels).all()) this.byId.set(row.id, row);
  }

  list(): ChannelRow[] {
    return [...this.byId.values()];
  }

  get(id: number): ChannelRow | undefined {
    return this.byId.get(id);
  }

  /** The channels that send an alert of this kind, severity and account. */
  matching(alert: AlertFacts): ChannelRow[] {
    const matches: ChannelRow[] = [];
    for (const channel of this.byId.values()) {
      if (severityRank(alert.severity) < severityRank(channel.minSeverity)) continue;
      if (channel.kinds !== null && !channel.kinds.some((kind) => kind === alert.kind)) continue;
      if (channel.accounts !== null && (alert.accountId === null || !channel.accounts.includes(alert.accountId))) {
        continue;
      }
      matches.push(channel);
    }
    return matches;
  }

  /** Creates a channel from a request's body; a webhook's generated secret is returned this once. */
  create(body: unknown, now: number): { row: ChannelRow; secret?: string } {
    const input = this.validate(body);
    const { config, secret } = configOf(input);
    const row = this.db
      .insert(notificationChannels)
      .values({ ...this.columns(input), config, createdAt: now })
      .returning()
      .get();
    this.byId.set(row.id, row);
    return { row, secret };
  }

  /** Changes some fields; the result is validated whole. The type cannot change. */
  update(id: number, body: unknown): ChannelRow | undefined {
    const current = this.byId.get(id);
    if (!current) return undefined;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ApiError(400, 'invalid_request', 'the body must be a JSON object of the fields to change');
    }
    if ('type' in body && body.type !== current.type) {
      throw new ApiError(400, 'invalid_request', `type: cannot change (${current.type}); create a new channel instead`);
    }
    const input = this.validate({ ...inputOf(current), ...body });
    const row = this.db
      .update(notificationChannels)
      .set({ ...this.columns(input), config: configOf(input).config })
      .where(eq(notificationChannels.id, id))
      .returning()
      .get();
    this.byId.set(id, row);
    return row;
  }

  delete(id: number): boolean {
    if (!this.byId.has(id)) return false;
    this.db.delete(notificationChannels).where(eq(notificationChannels.id, id)).run();
    this.byId.delete(id);
    return true;
  }

  private validate(body: unknown): ChannelInput {
    const input = channelInputSchema.parse(body);
    if (input.type === 'email' && !this.emailConfigured) {
      throw new ApiError(400, 'smtp_not_configured', 'email channels need ROOMWATCH_SMTP_URL (the SMTP server)');
    }
    return input;
  }

  private columns(input: ChannelInput) {
    const { type, name, minSeverity, kinds, accounts, digestMinutes } = input;
    return { type, name, minSeverity, kinds, accounts, digestMinutes };
  }
}
