/**
 * What the server knows beyond an event's body when it words the event. Kept minimal: Zoom never
 * names breakout rooms, and many events carry no topic, so those two come from live state.
 */
export interface SentenceContext {
  /**
   * The label the dashboard shows for a breakout room of this meeting ("Room 2", numbered by first
   * use), or null when the server has not seen that room. Labels of the form "Room N" read as
   * "breakout room N" in sentences.
   */
  roomLabel(breakoutRoomUuid: string): string | null;
  /** The meeting's topic as live state knows it, used when an event carries none. */
  meetingTopic?: string | null;
}

/** For callers that know nothing beyond the body: rooms read as "a breakout room". */
export const noContext: SentenceContext = { roomLabel: () => null };
