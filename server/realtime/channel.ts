import { randomUUID } from 'node:crypto';
import type { ChannelName, ChannelTypes, Diff, Position, Sync } from '../../shared/realtime/protocol';

/** The seqs of one server run: one counter for every channel, so no seq is ever handed out twice. */
export class Sequence {
  readonly epoch = randomUUID();
  private last = 0;

  next(): number {
    return ++this.last;
  }
}

/**
 * One ordered stream of diffs: the seq of its latest message, and its latest diffs, kept to replay
 * to clients that missed some (after a reconnect, a dropped message or falling behind).
 */
export class Channel<C extends ChannelName> {
  private head: number;
  private readonly recent: Diff<C>[] = [];
  /** when the last listener left (clock ms), null while someone listens */
  idleSince: number | null = null;

  constructor(
    readonly name: C,
    readonly key: ChannelTypes[C]['key'],
    private readonly sequence: Sequence,
    private readonly replayLimit: number,
  ) {
    // a fresh seq: a client still holding a position of an earlier channel of the same name can
    // never find it here, so it gets a snapshot rather than diffs that do not follow its state
    this.head = sequence.next();
  }

  push(data: ChannelTypes[C]['change']): Diff<C> {
    const seq = this.sequence.next();
    const diff = { ...this.stamp(seq), type: 'diff', prev: this.head, data } as Diff<C>;
    this.head = seq;
    this.recent.push(diff);
    if (this.recent.length > this.replayLimit) this.recent.shift();
    return diff;
  }

  /** The diffs missed since `from` when they are all still kept, else a snapshot. */
  sync(from: Position | undefined, snapshot: () => ChannelTypes[C]['snapshot']): Sync<C> {
    if (from?.epoch === this.sequence.epoch) {
      const start = from.seq === this.head ? this.recent.length : this.recent.findIndex((d) => d.prev === from.seq);
      if (start >= 0) {
        return { ...this.stamp(this.head), type: 'replay', prev: from.seq, diffs: this.recent.slice(start) } as Sync<C>;
      }
    }
    return { ...this.stamp(this.head), type: 'snapshot', data: snapshot() } as Sync<C>;
  }

  private stamp(seq: number) {
    return { channel: this.name, key: this.key, epoch: this.sequence.epoch, seq };
  }
}
