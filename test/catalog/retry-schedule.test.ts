import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { RetrySchedule } from '../../catalog/retry-schedule.js';

const policy = { baseMs: 1_000, factor: 2, maxMs: 8_000, jitter: 0, stableMs: 30_000 };

describe('RetrySchedule', () => {
  it('is due after the backoff for the failures so far, and starts over after a stable connection', () => {
    const retries = new RetrySchedule(policy);
    const now = Date.now();
    retries.failed();
    retries.schedule(() => undefined);
    expect(retries.dueBefore(now + 900)).toBe(false);
    expect(retries.dueBefore(now + 1_100)).toBe(true);
    retries.failed();
    retries.failed();
    retries.schedule(() => undefined); // third failure: 4 s
    expect(retries.dueBefore(now + 3_900)).toBe(false);
    retries.failed(60_000); // a connection that lived a minute ended: back to 1 s
    retries.schedule(() => undefined);
    expect(retries.dueBefore(now + 1_100)).toBe(true);
    retries.cancel();
    expect(retries.dueBefore(Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  it('runs the retry once, and not after cancel()', async () => {
    const fast = new RetrySchedule({ ...policy, baseMs: 5 });
    let runs = 0;
    fast.failed();
    fast.schedule(() => runs++);
    await sleep(50);
    expect(runs).toBe(1);
    fast.schedule(() => runs++);
    fast.cancel();
    await sleep(50);
    expect(runs).toBe(1);
  });
});
