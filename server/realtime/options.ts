export interface RealtimeOptions {
  /** changes within one tick go out as one message per channel */
  tickMs: number;
  /** how often meetings are checked for going stale, and unused channels dropped */
  housekeepingMs: number;
  /** diffs kept per channel, to replay to clients that missed some */
  replayLimit: number;
  /** how long a channel nobody listens to is kept, for clients that come back */
  idleChannelMs: number;
  /** packets waiting to be written to one socket before it is cut off and told to resync */
  maxQueuedPackets: number;
  /** meetings one socket may subscribe to at once */
  maxSubscriptions: number;
  /** bytes waiting to be written to one socket before it is disconnected (it stopped reading) */
  maxQueuedBytes: number;
  /** requests one socket may make at once... */
  requestBurst: number;
  /** ...and per second after that, before it is disconnected */
  requestsPerSecond: number;
  /**
   * how often open sockets' sessions are checked (ended, expired, or their user changed by another
   * process such as npm run user); changes made by the server itself are acted on at once
   */
  sessionCheckMs: number;
}

export const defaultRealtimeOptions: RealtimeOptions = {
  tickMs: 25,
  housekeepingMs: 10_000,
  replayLimit: 256,
  idleChannelMs: 120_000,
  maxQueuedPackets: 200,
  maxSubscriptions: 20,
  // a few overview snapshots of 1,000 meetings (445 KB each) and the diffs after them
  maxQueuedBytes: 8 * 1024 * 1024,
  // a dashboard asks for 2 channels on connect, 1 per meeting opened, and resyncs on a gap
  requestBurst: 30,
  requestsPerSecond: 5,
  sessionCheckMs: 500,
};
