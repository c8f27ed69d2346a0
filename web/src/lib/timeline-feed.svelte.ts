/**
 * A timeline from the REST API (newest first), kept fresh without reloading it: refresh() fetches the
 * newest page and merges what is new on top, more() appends older pages. The views call refresh()
 * when the live data says something happened.
 */
import type { TimelineEntry } from '../../../shared/timeline/entry';
import type { ApiClient } from './api';
import { messageOf } from './session.svelte';

export const PAGE_SIZE = 50;

/** Where a timeline comes from: every meeting's (with filters) or one meeting's. */
export type TimelineSource =
  | { path: '/api/events'; query?: { type?: string; meeting?: string } }
  | { path: '/api/meetings/:uuid/events'; uuid: string };

export class TimelineFeed {
  entries = $state.raw<TimelineEntry[]>([]);
  /** null once the oldest entry is loaded */
  nextCursor = $state<string | null>(null);
  loaded = $state(false);
  loadingMore = $state(false);
  error = $state<string | null>(null);
  /** one fetch of the newest page at a time; a refresh asked meanwhile runs once it is done */
  private inFlight: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(
    private readonly api: ApiClient,
    private readonly source: TimelineSource,
  ) {}

  refresh(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    this.inFlight = (async () => {
      do {
        this.again = false;
        await this.fetchNewest();
      } while (this.again && !this.closed);
      this.inFlight = null;
    })();
    return this.inFlight;
  }

  async more(): Promise<void> {
    if (this.nextCursor === null || this.loadingMore) return;
    this.loadingMore = true;
    try {
      const page = await this.page(this.nextCursor);
      if (this.closed) return;
      this.entries = mergeEntries(this.entries, page.entries);
      this.nextCursor = page.nextCursor;
      this.error = null;
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.loadingMore = false;
    }
  }

  /** Stops taking answers (the view went away). */
  close(): void {
    this.closed = true;
  }

  private async fetchNewest(): Promise<void> {
    try {
      const page = await this.page(null);
      if (this.closed) return;
      const overlaps = page.entries.length === 0 || this.entries.some((e) => e.id === page.entries.at(-1)!.id);
      if (!this.loaded || !overlaps) {
        // first load, or more happened than a page holds: start from this page
        this.entries = page.entries;
        this.nextCursor = page.nextCursor;
      } else this.entries = mergeEntries(page.entries, this.entries);
      this.loaded = true;
      this.error = null;
    } catch (error) {
      if (!this.closed) this.error = messageOf(error);
    }
  }

  private page(cursor: string | null) {
    const paging = { limit: PAGE_SIZE, cursor: cursor ?? undefined };
    return this.source.path === '/api/events'
      ? this.api.get(this.source.path, { query: { ...this.source.query, ...paging } })
      : this.api.get(this.source.path, { params: { uuid: this.source.uuid }, query: paging });
  }
}

/** Both lists' entries once each, newest first (by when it happened; an entry can arrive late). */
function mergeEntries(a: readonly TimelineEntry[], b: readonly TimelineEntry[]): TimelineEntry[] {
  const inA = new Set(a.map((entry) => entry.id));
  const merged = [...a, ...b.filter((entry) => !inA.has(entry.id))];
  // stable: entries of the same moment keep the server's order
  return merged.sort((x, y) => Date.parse(y.at) - Date.parse(x.at));
}
