/**
 * @module sandbox/sleep-host — the host end of `sleep(ms)`: a host timer that never outlives the
 * execution's wall-time deadline. Like the bridge, it answers with a string and never rejects:
 * `''` when the time has passed, else the reason it refused.
 */

/** `sleep()` calls pending at once per execution; more are refused, since each holds a host timer. */
export const MAX_PENDING_SLEEPS = 64;

export class SleepHost {
  private readonly timers = new Set<NodeJS.Timeout>();

  /** `deadline`: the wall-time limit as a `Date.now()` value. */
  constructor(private readonly deadline: number) {}

  readonly sleep = (ms: unknown): Promise<string> => {
    if (typeof ms !== 'number' || !(ms >= 0)) return Promise.resolve('sleep(ms) needs a number of milliseconds >= 0');
    if (this.timers.size >= MAX_PENDING_SLEEPS) {
      return Promise.resolve(`Too many sleep() calls pending at once (limit ${MAX_PENDING_SLEEPS}).`);
    }
    // Past the deadline the watchdog ends the execution anyway; never arm a longer timer than that.
    const delay = Math.max(0, Math.min(ms, this.deadline - Date.now() + 1));
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve('');
      }, delay);
      this.timers.add(timer);
    });
  };

  /** After the execution ended: no timer left armed (its promise is abandoned with the isolate). */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
