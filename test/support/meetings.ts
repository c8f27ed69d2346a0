import { realisticEvent } from './realistic-events';

export interface MeetingEventOptions {
  uuid: string;
  accountId: string;
  at: Date;
  seed?: number;
  name?: string;
}

/** A realistic event of the given type about one meeting instance of one Zoom account. */
export function meetingEvent(event: string, options: MeetingEventOptions): Record<string, unknown> {
  const body = realisticEvent(event, { seed: options.seed ?? 1, at: options.at, name: options.name });
  const payload = body.payload as { account_id: string; object: Record<string, unknown> };
  payload.account_id = options.accountId;
  payload.object.uuid = options.uuid;
  return body;
}
