import { describe, expect, it } from 'vitest';
import { classify } from '../../../server/events/validate';

const bytes = (body: unknown) => Buffer.from(JSON.stringify(body));

describe('classify: event names that are members of every object', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'])(
    'treats an event named %s as an unknown type, not as a schema',
    (name) => {
      const result = classify(bytes({ event: name, event_ts: 1_795_000_000_000, payload: { account_id: 'acc-1' } }));
      expect(result).toMatchObject({ kind: 'unknown', name });
    },
  );
});
