import { describe, expect, it } from 'vitest';
import type { OverviewChange } from '../../../shared/realtime/protocol';
import { Channel, Sequence } from '../../../server/realtime/channel';

const change = (uuid: string): OverviewChange => ({ upsert: [], patch: [], remove: [uuid] });
const snapshot = () => [];

describe('Channel', () => {
  it('stamps diffs with strictly increasing seqs across channels, each pointing at its previous one', () => {
    const sequence = new Sequence();
    const overview = new Channel('overview', null, sequence, 10);
    const other = new Channel('overview', null, sequence, 10);
    const a = overview.push(change('a'));
    const b = other.push(change('b'));
    const c = overview.push(change('c'));
    expect(b.seq).toBeGreaterThan(a.seq);
    expect(c.seq).toBeGreaterThan(b.seq);
    expect(c.prev).toBe(a.seq);
    expect(a.epoch).toBe(sequence.epoch);
  });

  it('replays from any position it still holds, and sends a snapshot otherwise', () => {
    const sequence = new Sequence();
    const channel = new Channel('overview', null, sequence, 3);
    const start = channel.sync(undefined, snapshot);
    expect(start).toMatchObject({ type: 'snapshot', data: [] });
    const diffs = ['a', 'b', 'c', 'd'].map((uuid) => channel.push(change(uuid)));
    // each diff follows on from the position before it, which a client checks for gaps
    expect(diffs.map((d) => d.prev)).toEqual([start.seq, ...diffs.slice(0, -1).map((d) => d.seq)]);
    const at = (seq: number) => channel.sync({ epoch: sequence.epoch, seq }, snapshot);

    expect(at(diffs[1]!.seq)).toEqual({
      type: 'replay',
      channel: 'overview',
      key: null,
      epoch: sequence.epoch,
      seq: diffs[3]!.seq,
      prev: diffs[1]!.seq,
      diffs: diffs.slice(2),
    });
    expect(at(diffs[3]!.seq)).toMatchObject({ type: 'replay', seq: diffs[3]!.seq, diffs: [] });
    // only the last 3 diffs are kept: the first one is gone
    expect(at(start.seq)).toMatchObject({ type: 'snapshot', seq: diffs[3]!.seq });
    // a position that was never handed out, or one of another server run
    expect(at(diffs[3]!.seq + 1)).toMatchObject({ type: 'snapshot' });
    expect(channel.sync({ epoch: new Sequence().epoch, seq: diffs[1]!.seq }, snapshot)).toMatchObject({
      type: 'snapshot',
    });
  });

  it('never resumes a position of an earlier channel of the same name', () => {
    const sequence = new Sequence();
    const first = new Channel('overview', null, sequence, 10);
    const last = first.push(change('a'));
    // dropped while idle, then made again for a new subscriber
    const again = new Channel('overview', null, sequence, 10);
    again.push(change('b'));
    expect(again.sync({ epoch: sequence.epoch, seq: last.seq }, snapshot)).toMatchObject({ type: 'snapshot' });
  });
});
