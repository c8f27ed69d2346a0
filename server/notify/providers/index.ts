/** The provider of each channel type. */
import type { ChannelConfig, ChannelType } from '../../../shared/notifications';
import { emailProvider, type SmtpSettings } from './email';
import type { Provider } from './provider';
import { slackProvider } from './slack';
import { teamsProvider } from './teams';
import { webhookProvider } from './webhook';

export type Providers = Record<ChannelType, Provider<ChannelConfig>>;

export function providers(smtp: SmtpSettings | null): Providers {
  // each provider reads the config its type stores (the channel store validates it per type)
  return {
    slack: slackProvider,
    teams: teamsProvider,
    webhook: webhookProvider,
    email: emailProvider(smtp),
  } as Providers;
}
