import { describe, expect, it } from 'vitest';
import { describeAlert } from '../../shared/alert-words';
import { stripBidiDeep, webLink } from '../../shared/user-text';

const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

describe('webLink', () => {
  it('keeps absolute http: and https: links', () => {
    expect(webLink('https://social.example/posts/1')).toBe('https://social.example/posts/1');
    expect(webLink(' http://social.example/a b ')).toBe('http://social.example/a%20b');
  });

  it('refuses every other scheme and anything that is not an absolute URL', () => {
    for (const url of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      'file:///etc/passwd',
      '//evil.example/x',
      '/relative',
      '',
      null,
      undefined,
    ]) {
      expect(webLink(url), String(url)).toBeNull();
    }
  });
});

describe('stripBidiDeep', () => {
  it('removes embeddings, overrides and isolates from every string, nested, in place', () => {
    const value = { a: 'x\u202ey', b: [{ c: '\u2066z\u2069' }, 3, null, true], d: 'plain' };
    expect(stripBidiDeep(value)).toBe(value);
    expect(value).toEqual({ a: 'xy', b: [{ c: 'z' }, 3, null, true], d: 'plain' });
  });
});

describe('alert words', () => {
  it('carry no bidi control of a name or topic into titles and summaries', () => {
    const name = 'Eve \u202egnp.exe';
    const share = describeAlert('unexpected_share', {
      participantName: name,
      role: 'attendee',
      content: 'desktop',
      startedAt: '2026-11-24T09:10:00.000Z',
    } as never);
    expect(share.title).toBe('Eve gnp.exe is sharing');
    expect(share.summary).not.toMatch(BIDI);
    const unstable = describeAlert('unstable_participant', { name, rejoins: 4, windowMinutes: 5 } as never);
    expect(unstable.title).not.toMatch(BIDI);
    expect(unstable.summary).not.toMatch(BIDI);
  });
});
