import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/db/open';
import { WalSync } from '../../server/db/wal-sync';
import { Ingest } from '../../server/ingest/ingest';
import { IngestMetrics } from '../../server/ingest/metrics';
import { QuarantineStore } from '../../server/ingest/quarantine';
import { EventLog } from '../../server/events/event-log';
import { classify, type Classified } from '../../server/events/validate';
import { LiveState } from '../../server/state/live-state';
import { meetingEvent } from '../support/meetings';

let dir: string;
let db: Db;
afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const deliveryOf = (body: unknown) => {
  const raw = new TextEncoder().encode(JSON.stringify(body));
  return [classify(raw) as Exclude<Classified, { kind: 'url_validation' }>, raw] as const;
};

describe('durability of acknowledged webhooks', () => {
  it('answers a delivery only once the WAL is synced; a failed sync fails the batch, loses nothing, and its redelivery is a duplicate', async () => {
    dir = mkdtempSync(join(tmpdir(), 'roomwatch-durable-'));
    const dbPath = join(dir, 'roomwatch.db');
    db = openDatabase(dbPath);
    let disk: 'failing' | 'working' = 'failing';
    let syncs = 0;
    const wal = new WalSync(dbPath, async (handle) => {
      syncs++;
      if (disk === 'failing') throw new Error('EIO: i/o error, fdatasync');
      await handle.datasync();
    });
    const metrics = new IngestMetrics();
    const ingest = new Ingest(
      db,
      { eventLog: new EventLog(db), quarantine: new QuarantineStore(db) },
      new LiveState(db, { staleAfterMs: 3_600_000, now: Date.now }),
      metrics,
      Date.now,
      wal,
    );
    const uuid = 'RHVyYWJsZU1lZXRpbmc=';
    const bodies = [0, 1, 2].map((seed) =>
      meetingEvent('meeting.participant_joined', {
        uuid,
        accountId: 'acc',
        at: new Date(1_700_000_000_000 + seed),
        seed,
      }),
    );

    const failed = await Promise.allSettled(bodies.map((body) => ingest.submit(...deliveryOf(body))));
    expect(failed.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(metrics.storeFailures).toBe(3);
    // committed all the same: a rebuild finds them, and memory says what the log says
    const logged = () => db.$client.prepare('SELECT count(*) AS n FROM events WHERE meeting_uuid = ?').get(uuid);
    expect(logged()).toEqual({ n: 3 });

    disk = 'working';
    const redelivered = await Promise.all(bodies.map((body) => ingest.submit(...deliveryOf(body))));
    expect(redelivered).toEqual([{ status: 'duplicate' }, { status: 'duplicate' }, { status: 'duplicate' }]);
    expect(logged()).toEqual({ n: 3 });
    // one sync for each batch: the three deliveries of a turn of the event loop share it
    expect(syncs).toBe(2);
    await ingest.close();
  });
});
