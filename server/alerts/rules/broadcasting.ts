/** Informational: the meeting is being recorded or live streamed, for as long as it is. */
import { MEETING_SUBJECT } from '../kinds';
import type { ConditionRule } from './rule';

export const recordingRule: ConditionRule = {
  kind: 'recording_started',
  evaluate: ({ summary }) =>
    summary.recording || summary.recordingPaused
      ? [{ kind: 'recording_started', subject: MEETING_SUBJECT, details: { paused: summary.recordingPaused } }]
      : [],
};

export const liveStreamingRule: ConditionRule = {
  kind: 'live_streaming_started',
  evaluate: ({ state, summary }) => {
    const streaming = state.meeting.liveStreaming;
    if (!summary.liveStreaming || !streaming) return [];
    const since = new Date(streaming.ts).toISOString();
    return [{ kind: 'live_streaming_started', subject: MEETING_SUBJECT, details: { since } }];
  },
};
