import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF, RECONNECT_BASE_MS, RECONNECT_MAX_MS } from '../../catalog/backoff.js';

describe('backoffDelay', () => {
  const middle = () => 0.5; // no jitter either way

  it('grows by the factor per consecutive failure and stops at the maximum', () => {
    const delays = [1, 2, 3, 4, 20].map((failures) => backoffDelay(DEFAULT_BACKOFF, failures, middle));
    expect(delays).toEqual([RECONNECT_BASE_MS, RECONNECT_BASE_MS * 2, RECONNECT_BASE_MS * 4, RECONNECT_BASE_MS * 8, RECONNECT_MAX_MS]);
  });

  it('spreads the delay by ±jitter and never exceeds the maximum', () => {
    expect(backoffDelay(DEFAULT_BACKOFF, 1, () => 0)).toBe(RECONNECT_BASE_MS * (1 - DEFAULT_BACKOFF.jitter));
    expect(backoffDelay(DEFAULT_BACKOFF, 1, () => 1)).toBe(RECONNECT_BASE_MS * (1 + DEFAULT_BACKOFF.jitter));
    expect(backoffDelay(DEFAULT_BACKOFF, 50, () => 1)).toBe(RECONNECT_MAX_MS);
  });
});
