/**
 * What every channel type implements: send one message, resolve once the receiver took it, throw a
 * DeliveryError saying why not. One file per type in this folder; index.ts lists them.
 */
import type { ChannelConfig } from '../../../shared/notifications';
import type { Message } from '../message';

export interface SendContext {
  /** the message's id, the same on every retry, so that a receiver can drop a redelivery */
  messageId: string;
  /** ms since the epoch, for timestamps in the message */
  now: number;
  /** ends an attempt that takes too long */
  signal: AbortSignal;
}

export interface Provider<C extends ChannelConfig = ChannelConfig> {
  send(config: C, message: Message, context: SendContext): Promise<void>;
}

/** A failed attempt, in words for the delivery log. */
export class DeliveryError extends Error {}

const ANSWER_SHOWN = 200;

/** Posts a body to a receiver; any answer but 2xx (redirects included) is a failed attempt. */
export async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', body, headers, signal, redirect: 'manual' });
  } catch (error) {
    const reason = signal.aborted ? 'no answer in time' : ((error as Error).cause as Error | undefined)?.message;
    throw new DeliveryError(`could not reach ${new URL(url).host}: ${reason ?? (error as Error).message}`);
  }
  const text = await response.text().catch(() => '');
  if (response.status < 200 || response.status > 299) {
    const shown = text.length > ANSWER_SHOWN ? `${text.slice(0, ANSWER_SHOWN)}…` : text;
    throw new DeliveryError(`${new URL(url).host} answered ${response.status}${shown ? `: ${shown}` : ''}`);
  }
}
