/**
 * What a dashboard may send over the socket: every payload is parsed with these schemas on the
 * server, whatever the TypeScript types of the event map promise.
 */
import { z } from 'zod';
import { MAX_MEETING_UUID_LENGTH } from '../meeting-uuid';

/** Where a client is in a channel's stream: the server boot it heard from and the last seq it applied. */
export const position = z.object({
  epoch: z.string().min(1).max(64),
  seq: z.number().int().nonnegative(),
});

const meetingUuid = z.string().min(1, 'meeting uuid is empty').max(MAX_MEETING_UUID_LENGTH, 'meeting uuid is too long');

function channelRefs<Extra extends z.ZodRawShape>(extra: Extra) {
  return z.discriminatedUnion(
    'channel',
    [
      z.object({ channel: z.literal('overview'), ...extra }),
      z.object({ channel: z.literal('meeting'), key: meetingUuid, ...extra }),
      z.object({ channel: z.literal('alerts'), ...extra }),
    ],
    { error: 'channel must be "overview", "meeting" or "alerts"' },
  );
}

/** A channel: the overview of meetings, one meeting by uuid, or the alerts. */
export const channelRef = channelRefs({});

/** Subscribe to a channel, or resync it: `from` asks for the diffs missed since that position. */
export const subscribeRequest = channelRefs({ from: position.optional() });

/** Sent by the client with every (re)connection: where it is in the overview and the alerts, to resume from there. */
export const handshakeAuth = z.object({
  resume: z.object({ overview: position.optional(), alerts: position.optional() }).optional(),
});

export type Position = z.infer<typeof position>;
export type ChannelRef = z.infer<typeof channelRef>;
export type SubscribeRequest = z.infer<typeof subscribeRequest>;
export type HandshakeAuth = z.infer<typeof handshakeAuth>;
