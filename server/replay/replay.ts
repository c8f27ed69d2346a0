/**
 * Replays an NDJSON file into a Roomwatch (or any Zoom webhook receiver): each line's body is signed
 * and posted in file order, one at a time, as fast as possible or paced by `received_at`. Bad lines
 * are reported with their line number and skipped; nothing stops the run.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseReplayLine } from './ndjson';
import type { Progress } from './progress';
import type { SendStatus, WebhookSender } from './webhook-sender';

export interface ReplayOptions {
  file: string;
  sender: WebhookSender;
  /** null: as fast as possible; X: the recorded pacing (received_at) X times faster */
  speed: number | null;
  progress?: Progress;
  /** a skipped line (1-based number) or a failed post, as it happens */
  report?: (message: string) => void;
  /** the clock that paces (tests give a fake one) */
  now?: () => number;
  sleep?: (ms: number) => Promise<unknown>;
}

export interface ReplaySummary {
  /** lines holding a body to send */
  sent: number;
  accepted: number;
  duplicates: number;
  quarantined: number;
  failed: number;
  badLines: number;
  /** failed posts by reason ("HTTP 401 bad_signature", "ECONNREFUSED"...) */
  failures: Record<string, number>;
}

/** lines in the file (a last line without newline counts), for the progress bar */
export async function countLines(file: string): Promise<number> {
  let lines = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (const byte of chunk) if (byte === 0x0a) lines++;
    if (chunk.length > 0) last = chunk[chunk.length - 1]!;
  }
  return last === 0x0a ? lines : lines + 1;
}

/** failed posts reported one by one; beyond, a wrong secret or a dead server would flood the terminal */
const REPORTED_FAILURES = 20;

const TALLY: Record<SendStatus, 'accepted' | 'duplicates' | 'quarantined'> = {
  accepted: 'accepted',
  duplicate: 'duplicates',
  quarantined: 'quarantined',
};

export async function replayFile(options: ReplayOptions): Promise<ReplaySummary> {
  const { sender, speed, progress, now = Date.now, sleep: wait = sleep } = options;
  const report = options.report ?? (() => {});
  const summary: ReplaySummary = {
    sent: 0,
    accepted: 0,
    duplicates: 0,
    quarantined: 0,
    failed: 0,
    badLines: 0,
    failures: {},
  };
  let pace: { startedAt: number; firstReceivedAt: number } | null = null;
  let lineNumber = 0;
  const lines = createInterface({ input: createReadStream(options.file, 'utf8'), crlfDelay: Infinity });
  for await (const text of lines) {
    lineNumber++;
    const parsed = parseReplayLine(text);
    if (parsed !== null && !parsed.ok) {
      summary.badLines++;
      report(`line ${lineNumber}: skipped: ${parsed.reason}`);
    } else if (parsed !== null) {
      const { body, receivedAt } = parsed.line;
      if (speed !== null && receivedAt !== null) {
        pace ??= { startedAt: now(), firstReceivedAt: receivedAt };
        const due = pace.startedAt + (receivedAt - pace.firstReceivedAt) / speed;
        if (due > now()) await wait(due - now());
      }
      const outcome = await sender.send(body);
      summary.sent++;
      if (outcome.status === 'failed') {
        summary.failed++;
        summary.failures[outcome.reason] = (summary.failures[outcome.reason] ?? 0) + 1;
        if (summary.failed <= REPORTED_FAILURES) report(`line ${lineNumber}: failed: ${outcome.reason}`);
        if (summary.failed === REPORTED_FAILURES) report('further failures are only counted in the summary');
      } else summary[TALLY[outcome.status]]++;
    }
    progress?.update({ done: lineNumber, failed: summary.failed + summary.badLines });
  }
  progress?.finish();
  return summary;
}
