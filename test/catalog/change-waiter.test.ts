import { describe, expect, it } from 'vitest';
import { ChangeWaiter } from '../../catalog/change-waiter.js';

describe('ChangeWaiter', () => {
  it('wakes waiters on notify, on timeout, and on abort', async () => {
    const changes = new ChangeWaiter();
    let woke = false;
    const waiting = changes.wait(60_000).then(() => (woke = true));
    changes.notify();
    await waiting;
    expect(woke).toBe(true);
    await changes.wait(5); // resolves by itself
    const controller = new AbortController();
    const aborted = changes.wait(60_000, controller.signal);
    controller.abort();
    await aborted;
  });
});
