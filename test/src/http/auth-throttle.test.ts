import { describe, expect, it } from 'vitest';
import { AuthThrottle, MAX_TRACKED_ADDRESSES, throttledAnswer } from '../../../src/http/auth-throttle.js';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('AuthThrottle', () => {
  it('lets an address fail perMinute times, then makes it wait for the next token', () => {
    const c = clock();
    const throttle = new AuthThrottle(3, c.now);
    for (let i = 0; i < 3; i++) {
      expect(throttle.waitMs('10.0.0.1')).toBe(0);
      throttle.failed('10.0.0.1');
    }
    expect(throttle.waitMs('10.0.0.1')).toBe(20_000); // one token every 60 s / 3
    expect(throttle.waitMs('10.0.0.2')).toBe(0); // other addresses are not affected
    c.advance(20_000);
    expect(throttle.waitMs('10.0.0.1')).toBe(0);
  });

  it('reports one refusal per throttled period, not one per request', () => {
    const c = clock();
    const throttle = new AuthThrottle(1, c.now);
    throttle.failed('a');
    expect(throttle.waitMs('a')).toBeGreaterThan(0);
    expect(throttle.firstRefusal('a')).toBe(true);
    expect(throttle.firstRefusal('a')).toBe(false);
    c.advance(60_000);
    expect(throttle.waitMs('a')).toBe(0);
    throttle.failed('a');
    expect(throttle.waitMs('a')).toBeGreaterThan(0);
    expect(throttle.firstRefusal('a')).toBe(true);
  });

  it(`tracks at most ${MAX_TRACKED_ADDRESSES} addresses, forgetting idle ones first`, () => {
    const c = clock();
    const throttle = new AuthThrottle(2, c.now);
    for (let i = 0; i < MAX_TRACKED_ADDRESSES + 500; i++) throttle.failed(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
    throttle.failed('attacker');
    throttle.failed('attacker');
    expect(throttle.waitMs('attacker')).toBeGreaterThan(0);
  });

  it('says when to retry, in whole seconds', () => {
    expect(throttledAnswer(1_200)).toEqual({ retryAfterSeconds: 2, message: 'too many failed authentications from this address; retry in 2 s.' });
  });
});
