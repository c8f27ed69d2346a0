/**
 * Participants over time, per meeting, for the overview's sparklines: the last hour as the server
 * tells it when the page opens (GET /api/counts), then kept here from the counts the overview's
 * diffs bring.
 */
import { SvelteMap } from 'svelte/reactivity';
import type { CountPoint } from '../../../shared/history';
import type { MeetingSummary } from '../../../shared/state';
import { present } from './overview';

export interface Sample {
  /** ms since epoch */
  at: number;
  count: number;
}

export interface CountHistoryOptions {
  /** how far back a sparkline reaches */
  windowMs: number;
  /** changes closer together than this are one sample (the latest count wins), so a join storm is one step */
  resolutionMs: number;
}

export const DEFAULT_HISTORY: CountHistoryOptions = { windowMs: 60 * 60_000, resolutionMs: 15_000 };

export class CountHistory {
  /** samples by meeting uuid, oldest first; each array is replaced, never changed, so one meeting's row redraws alone */
  readonly series = new SvelteMap<string, readonly Sample[]>();

  constructor(private readonly options: CountHistoryOptions = DEFAULT_HISTORY) {}

  /** Notes the counts of meetings that appeared or changed at `at`. */
  record(summaries: Iterable<MeetingSummary>, at: number): void {
    for (const summary of summaries) this.add(summary.uuid, present(summary), at);
  }

  /** Puts the server's counts (main, breakout, waiting) before what the diffs brought since. */
  prefill(meetings: Readonly<Record<string, readonly CountPoint[]>>): void {
    for (const [uuid, points] of Object.entries(meetings)) {
      const local = this.series.get(uuid) ?? [];
      const firstLocal = local[0]?.at ?? Infinity;
      this.series.delete(uuid);
      for (const [at, main, breakout] of points) if (at < firstLocal) this.add(uuid, main + breakout, at);
      for (const sample of local) this.add(uuid, sample.count, sample.at);
    }
  }

  forget(uuids: Iterable<string>): void {
    for (const uuid of uuids) this.series.delete(uuid);
  }

  private add(uuid: string, count: number, at: number): void {
    const samples = this.series.get(uuid);
    const last = samples?.at(-1);
    if (!samples || !last) {
      this.series.set(uuid, [{ at, count }]);
      return;
    }
    if (last.count === count) return;
    const earlier = samples.length > 1 ? samples.at(-2)! : null;
    let next: Sample[];
    if (at - last.at < this.options.resolutionMs && earlier !== null) {
      // within the resolution of the previous change: it becomes this one (or goes, if back to before)
      next = earlier.count === count ? samples.slice(0, -1) : [...samples.slice(0, -1), { at: last.at, count }];
    } else next = [...samples, { at, count }];
    this.series.set(uuid, trim(next, at - this.options.windowMs));
  }
}

/** Drops samples before `from`, keeping the last of them: it says what the count was when the window opens. */
function trim(samples: Sample[], from: number): Sample[] {
  let first = 0;
  while (first + 1 < samples.length && samples[first + 1]!.at <= from) first++;
  return first === 0 ? samples : samples.slice(first);
}

export interface SparklineBox {
  from: number;
  to: number;
  width: number;
  height: number;
}

/**
 * A step line (a count holds until it changes) from `from` to `to`, scaled so that the highest count
 * in view reaches four fifths of the height (a steady count reads as a line, not a block); null when
 * there is nothing to draw. Points are rounded to a tenth of a pixel.
 */
export function sparklinePath(samples: readonly Sample[], box: SparklineBox): { line: string; area: string } | null {
  const visible = trim([...samples], box.from).filter((s) => s.at <= box.to);
  if (visible.length === 0) return null;
  const max = Math.max(1, ...visible.map((s) => s.count));
  const round = (n: number) => Math.round(n * 10) / 10;
  const span = Math.max(1, box.to - box.from);
  const x = (at: number) => round(((Math.max(at, box.from) - box.from) / span) * box.width);
  // one pixel of margin keeps the stroke inside the box
  const y = (count: number) => round(box.height - 1 - (count / max) * (box.height - 2) * 0.8);
  let line = `M${x(visible[0]!.at)},${y(visible[0]!.count)}`;
  for (const sample of visible.slice(1)) line += `H${x(sample.at)}V${y(sample.count)}`;
  line += `H${box.width}`;
  const area = `${line}V${box.height}H${x(visible[0]!.at)}Z`;
  return { line, area };
}
