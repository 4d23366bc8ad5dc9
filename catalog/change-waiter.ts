/**
 * @module catalog/change-waiter — lets callers wait, with a time bound and an abort signal, for the next
 * state change of something (an upstream's health), without polling.
 */

export class ChangeWaiter {
  private waiters: Array<() => void> = [];

  /** Wakes everyone waiting. */
  notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves on the next `notify()`, after `ms`, or when `signal` aborts, whichever is first; never rejects. */
  wait(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      signal?.addEventListener('abort', wake, { once: true });
      this.waiters.push(wake);
    });
  }
}
