import { describe, expect, it } from 'vitest';
import { foldForSearch, matchRank, searchQuerySchema } from '../../shared/search';

describe('search text', () => {
  it('folds case and accents, in every script', () => {
    expect(foldForSearch('José ÁLVAREZ')).toBe('jose alvarez');
    expect(foldForSearch('Zoë Laurent')).toBe('zoe laurent');
    expect(foldForSearch('ДМИТРИЙ')).toBe(foldForSearch('дмитрий'));
    expect(foldForSearch('김민준')).toBe('김민준');
  });

  it('ranks a name that starts with the query, then a word of it, then anywhere or the email', () => {
    const q = foldForSearch('Ana');
    expect(matchRank(q, 'Ana Lima', null)).toBe(0);
    expect(matchRank(q, 'Marie Anand', null)).toBe(1);
    expect(matchRank(q, 'María-Ana Ruiz', null)).toBe(1);
    expect(matchRank(q, 'Svetlana Ivanova', null)).toBe(2);
    expect(matchRank(q, 'Ken Watanabe', 'ken@banana.example')).toBe(2);
    expect(matchRank(q, 'Ken Watanabe', null)).toBe(2);
    expect(matchRank(foldForSearch('olu'), 'Ken Watanabe', 'ken@example.com')).toBeNull();
  });

  it('matches Hangul by whole syllables, never by a part of one', () => {
    expect(matchRank(foldForSearch('민준'), '김민준', null)).toBe(2);
    expect(matchRank(foldForSearch('ㅁ'), '김민준', null)).toBeNull();
  });

  it('takes a query of 2 to 100 characters, trimmed', () => {
    expect(searchQuerySchema.parse({ q: '  민준 ' })).toEqual({ q: '민준' });
    expect(searchQuerySchema.safeParse({ q: 'a' }).success).toBe(false);
    expect(searchQuerySchema.safeParse({ q: 'x'.repeat(101) }).success).toBe(false);
    expect(searchQuerySchema.safeParse({}).success).toBe(false);
  });
});
