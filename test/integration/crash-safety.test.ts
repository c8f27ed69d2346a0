import { answerOf } from '../support/api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer, type ChildServer } from '../support/child-server';
import { meetingEvent } from '../support/meetings';
import { NAMES } from '../support/realistic-events';
import { persistedState, replayLog } from '../support/replay';
import { signedHeaders } from '../support/signing';

const dir = mkdtempSync(join(tmpdir(), 'roomwatch-crash-'));
const dbPath = join(dir, 'roomwatch.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Body = Record<string, unknown>;
const participantOf = (body: Body) => (body.payload as { object: { participant: Body } }).object.participant;

/** Several meetings of two accounts: people join, some leave, someone shares, most meetings end. */
function stream(): string[] {
  const start = Date.now();
  const bodies: Body[] = [];
  for (let m = 0; m < 6; m++) {
    const uuid = `Q3Jhc2hUZXN0TWVldGluZ${m}==`;
    const accountId = m % 2 === 0 ? 'acc-north' : 'acc-south';
    const event = (type: string, offset: number, seed: number, name?: string) =>
      meetingEvent(type, { uuid, accountId, at: new Date(start + m * 1000 + offset), seed, name });
    bodies.push(event('meeting.started', 0, m));
    for (let p = 0; p < 30; p++) {
      const name = `${NAMES[p % NAMES.length]} ${p}`;
      const joined = event('meeting.participant_joined', 10 + p, 100 * m + p, name);
      bodies.push(joined);
      if (p % 3 === 0) {
        const left = event('meeting.participant_left', 60 + p, 100 * m + p, name);
        Object.assign(participantOf(left), participantOf(joined));
        bodies.push(left);
      }
    }
    bodies.push(event('meeting.sharing_started', 90, m, NAMES[m]));
    if (m < 5) bodies.push(event('meeting.ended', 99, m));
  }
  return bodies.map((b) => JSON.stringify(b));
}

const post = (server: ChildServer, raw: string) =>
  fetch(`${server.url}/webhooks/zoom`, { method: 'POST', body: raw, headers: signedHeaders(raw) });

function inspect(check: (sqlite: Database.Database) => void): void {
  const sqlite = new Database(dbPath, { readonly: true });
  try {
    check(sqlite);
  } finally {
    sqlite.close();
  }
}

describe('crash safety', () => {
  it('keeps every acknowledged event, applied once, after SIGKILL in the middle of a stream', async () => {
    const raws = stream();
    const acknowledged: string[] = [];
    const server = await spawnServer({ DATABASE_PATH: dbPath, ROOMWATCH_ADMIN_PASSWORD: 'crash test admin' });

    let next = 0;
    let killed = false;
    const worker = async () => {
      while (!killed && next < raws.length) {
        const raw = raws[next++]!;
        try {
          const response = await post(server, raw);
          expect(response.status).toBe(200);
          const outcome = await answerOf('POST /webhooks/zoom', response);
          acknowledged.push(raw);
          expect(outcome.status).toBe('accepted');
        } catch (error) {
          if (!killed) throw error;
        }
        if (acknowledged.length === 120 && !killed) {
          killed = true;
          server.process.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(killed).toBe(true);
    expect(await server.exited).toMatchObject({ signal: 'SIGKILL' });

    const restarted = await spawnServer({ DATABASE_PATH: dbPath });
    try {
      inspect((sqlite) => {
        const countOf = sqlite.prepare('SELECT count(*) AS n FROM events WHERE raw = ?');
        for (const raw of acknowledged) expect((countOf.get(raw) as { n: number }).n).toBe(1);
        expect(persistedState(sqlite)).toEqual(replayLog(sqlite));
      });
      expect(restarted.output()).not.toMatch(/Created user/);

      // Zoom redelivers what it saw no answer for: the stream completes, nothing twice
      const outcomes = new Map<string, string>();
      for (const raw of raws) {
        const response = await post(restarted, raw);
        expect(response.status).toBe(200);
        outcomes.set(raw, (await answerOf('POST /webhooks/zoom', response)).status);
      }
      for (const raw of acknowledged) expect(outcomes.get(raw)).toBe('duplicate');
      inspect((sqlite) => {
        expect((sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(raws.length);
        const state = persistedState(sqlite);
        expect(state).toEqual(replayLog(sqlite));
        expect(Object.keys(state.meetings)).toHaveLength(6);
      });
    } finally {
      restarted.process.kill('SIGTERM');
      await restarted.exited;
    }
  });
});
