import { SvelteSet } from 'svelte/reactivity';
import type { ParticipantView } from '../../../shared/state';
import { placeOf } from './meeting-layout';

/**
 * Who just arrived somewhere: joined, moved between rooms, entered or left the waiting room. The
 * meeting view highlights them briefly, so that a move is seen, not just a row vanishing from one
 * panel and appearing in another. The first look at a meeting marks nobody.
 */
export class Arrivals {
  /** keys of people who arrived in the last `holdMs` */
  readonly recent = new SvelteSet<string>();
  private places: Map<string, string> | null = null;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly holdMs = 2_500) {}

  /** Compares where everyone is with the previous look. */
  observe(participants: Iterable<ParticipantView>): void {
    const first = this.places === null;
    const places = new Map<string, string>();
    for (const p of participants) {
      const place = placeOf(p);
      places.set(p.key, place);
      if (!first && this.places!.get(p.key) !== place) this.mark(p.key);
    }
    this.places = places;
  }

  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.recent.clear();
    this.places = null;
  }

  private mark(key: string): void {
    clearTimeout(this.timers.get(key));
    this.recent.add(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.recent.delete(key);
      }, this.holdMs),
    );
  }
}
