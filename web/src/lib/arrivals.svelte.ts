import { SvelteMap } from 'svelte/reactivity';
import type { ParticipantView } from '../../../shared/state';
import { placeOf } from './meeting-layout';

/**
 * Who just arrived somewhere: joined, moved between rooms, entered or left the waiting room. The
 * meeting view highlights them briefly, so that a move is seen, not just a row vanishing from one
 * panel and appearing in another. The first look at a meeting marks nobody.
 */
export class Arrivals {
  /** keys of people who arrived in the last `holdMs`, with the timer that forgets them */
  readonly recent = new SvelteMap<string, ReturnType<typeof setTimeout>>();
  private places: ReadonlyMap<string, string> | null = null;

  constructor(private readonly holdMs = 2_500) {}

  /** Compares where everyone is with the previous look. */
  observe(participants: Iterable<ParticipantView>): void {
    const previous = this.places;
    this.places = placesOf(participants);
    if (previous === null) return;
    for (const [key, place] of this.places) if (previous.get(key) !== place) this.mark(key);
  }

  clear(): void {
    for (const timer of this.recent.values()) clearTimeout(timer);
    this.recent.clear();
    this.places = null;
  }

  private mark(key: string): void {
    clearTimeout(this.recent.get(key));
    this.recent.set(
      key,
      setTimeout(() => this.recent.delete(key), this.holdMs),
    );
  }
}

function placesOf(participants: Iterable<ParticipantView>): ReadonlyMap<string, string> {
  return new Map(Array.from(participants, (p) => [p.key, placeOf(p)]));
}
