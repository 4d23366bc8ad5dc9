/**
 * @module catalog/retry-schedule — when to try an upstream again: counts consecutive failures, starts
 * over after a stable connection, and keeps one unref'd timer so a pending retry never holds a process open.
 */
import { backoffDelay, type BackoffPolicy } from './backoff.js';

export class RetrySchedule {
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private at: number | undefined;

  constructor(private readonly policy: BackoffPolicy) {}

  /** An attempt failed, or a connection that lived `livedMs` ended (long enough: the backoff starts over). */
  failed(livedMs = 0): void {
    if (livedMs >= this.policy.stableMs) this.failures = 0;
    this.failures++;
  }

  /** An attempt succeeded: the next failure starts the backoff over. */
  succeeded(): void {
    this.failures = 0;
  }

  /** Runs `retry` after the backoff delay for the failures so far; replaces any pending retry. */
  schedule(retry: () => void): void {
    this.cancel();
    const delay = backoffDelay(this.policy, this.failures);
    this.at = Date.now() + delay;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.at = undefined;
      retry();
    }, delay);
    this.timer.unref();
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.at = undefined;
  }

  /** True when a retry is pending and due before `deadline` (epoch ms). */
  dueBefore(deadline: number): boolean {
    return this.at !== undefined && this.at < deadline;
  }
}
