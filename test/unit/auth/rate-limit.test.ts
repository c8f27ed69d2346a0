import { describe, expect, it } from 'vitest';
import { LOGIN_LIMITS, LoginLimiter, WindowCounter } from '../../../server/auth/rate-limit';
import { FakeClock } from '../../support/fake-clock';

describe('WindowCounter', () => {
  it('allows max attempts per window, then says how long to wait', () => {
    const clock = new FakeClock();
    const counter = new WindowCounter({ max: 3, windowMs: 60_000 }, () => clock.now());
    expect([1, 2, 3].map(() => counter.take('203.0.113.7').ok)).toEqual([true, true, true]);
    clock.advance(20_000);
    expect(counter.take('203.0.113.7')).toEqual({ ok: false, retryAfterMs: 40_000 });
    expect(counter.take('198.51.100.2').ok).toBe(true);
    clock.advance(40_000);
    expect(counter.take('203.0.113.7').ok).toBe(true);
  });

  it('gives back refunded attempts and forgets reset keys', () => {
    const clock = new FakeClock();
    const counter = new WindowCounter({ max: 1, windowMs: 60_000 }, () => clock.now());
    counter.take('k');
    counter.refund('k');
    expect(counter.take('k').ok).toBe(true);
    counter.reset('k');
    expect(counter.take('k').ok).toBe(true);
    expect(counter.take('k').ok).toBe(false);
  });

  it('stays bounded under a flood of distinct keys', () => {
    const clock = new FakeClock();
    const counter = new WindowCounter({ max: 1, windowMs: 60_000 }, () => clock.now());
    for (let i = 0; i < 50_000; i++) counter.take(`user-${i}`);
    expect((counter as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(10_000);
    // the newest keys are still limited
    expect(counter.take('user-49999').ok).toBe(false);
  });
});

describe('LoginLimiter', () => {
  it('does not charge the address for an attempt the username limit refused', () => {
    const clock = new FakeClock();
    const limiter = new LoginLimiter(() => clock.now());
    for (let i = 0; i < LOGIN_LIMITS.perUsername.max; i++)
      expect(limiter.attempt('203.0.113.7', 'admin').ok).toBe(true);
    for (let i = 0; i < 100; i++) expect(limiter.attempt('203.0.113.7', 'admin').ok).toBe(false);
    const left = LOGIN_LIMITS.perIp.max - LOGIN_LIMITS.perUsername.max;
    for (let i = 0; i < left; i++) expect(limiter.attempt('203.0.113.7', `user${i}`).ok).toBe(true);
    expect(limiter.attempt('203.0.113.7', 'someone-else').ok).toBe(false);
  });

  it('clears the username count and refunds the address on success', () => {
    const clock = new FakeClock();
    const limiter = new LoginLimiter(() => clock.now());
    for (let i = 0; i < LOGIN_LIMITS.perUsername.max - 1; i++) limiter.attempt('203.0.113.7', 'admin');
    limiter.attempt('203.0.113.7', 'admin');
    limiter.succeeded('203.0.113.7', 'admin');
    for (let i = 0; i < LOGIN_LIMITS.perUsername.max; i++)
      expect(limiter.attempt('198.51.100.9', 'admin').ok).toBe(true);
  });
});
