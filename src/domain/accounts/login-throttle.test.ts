import { describe, expect, it } from 'vitest';
import { decideLogin } from './login-throttle.ts';

const rule = { maxFailuresPerEmail: 3, maxFailuresPerAddress: 10, windowSeconds: 900 };
const now = new Date('2026-11-24T10:00:00Z');
const minutesAgo = (m: number) => now.getTime() - m * 60_000;

describe('decideLogin', () => {
  it('allows attempts below the limit', () => {
    expect(decideLogin(rule, now, [minutesAgo(1), minutesAgo(2)], [])).toEqual({ allowed: true });
  });

  it('refuses the attempt after three failures and says when the oldest counted one expires', () => {
    // Failures 1, 2 and 5 minutes ago: the third most recent (5 min) leaves the 15-minute window in 10 minutes.
    expect(decideLogin(rule, now, [minutesAgo(1), minutesAgo(2), minutesAgo(5)], [])).toEqual({
      allowed: false,
      retryAfterSeconds: 600,
    });
  });

  it('ignores failures older than the window', () => {
    expect(decideLogin(rule, now, [minutesAgo(16), minutesAgo(20), minutesAgo(1)], [])).toEqual({ allowed: true });
  });

  it('also limits per client address', () => {
    const many = Array.from({ length: 10 }, (_, i) => minutesAgo(i + 1));
    const decision = decideLogin(rule, now, [], many);
    expect(decision).toEqual({ allowed: false, retryAfterSeconds: 300 });
  });
});
