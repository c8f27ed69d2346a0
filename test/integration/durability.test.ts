import { afterEach, describe, expect, it } from 'vitest';
import { fsync } from 'node:fs';
import type { Fsync } from '../../server/db/wal-sync';
import { eventually } from '../support/eventually';
import { realisticEvent } from '../support/realistic-events';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
afterEach(() => server.close());

const stored = (body: string) =>
  server.db.$client.prepare('SELECT seq FROM events WHERE raw = ?').all(body) as { seq: number }[];

describe('durability of what is acknowledged', () => {
  it('answers a delivery only once the WAL holding its commit is synced to disk', async () => {
    const held: (() => void)[] = [];
    let holding = false;
    const fsyncFile: Fsync = (fd, done) => (holding ? held.push(() => fsync(fd, done)) : fsync(fd, done));
    server = await startTestServer({ fsync: fsyncFile });
    holding = true;
    const body = JSON.stringify(realisticEvent('meeting.participant_joined', { seed: 801 }));
    let answered = false;
    const response = server.post(body).then((r) => ((answered = true), r));
    await eventually(async () => held.length === 1);
    // committed and visible, but not yet known to be on disk: Zoom must not hear of it yet
    expect(stored(body)).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    holding = false;
    held[0]!();
    const answer = await response;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ status: 'accepted', seq: stored(body)[0]!.seq });
  });

  it('answers 503 when the disk refuses the sync, so that Zoom retries, and the retry is a duplicate', async () => {
    let failing = false;
    const fsyncFile: Fsync = (fd, done) =>
      failing ? done(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' })) : fsync(fd, done);
    server = await startTestServer({ fsync: fsyncFile });
    const body = JSON.stringify(realisticEvent('meeting.participant_left', { seed: 802 }));
    failing = true;
    const errors = console.error;
    console.error = () => {};
    let refused;
    try {
      refused = await server.post(body);
    } finally {
      console.error = errors;
    }
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('store_failed');
    expect(server.application.metrics.storeFailures).toBe(1);
    failing = false;
    const retry = await server.post(body);
    expect(await retry.json()).toEqual({ status: 'duplicate' });
    expect(stored(body)).toHaveLength(1);
  });
});
