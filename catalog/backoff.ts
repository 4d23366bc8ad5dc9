/**
 * @module catalog/backoff — reconnect delays: exponential with jitter, capped, reset after a stable connection.
 */

export interface BackoffPolicy {
  /** First delay after a failure, ms. */
  readonly baseMs: number;
  /** Growth per consecutive failure. */
  readonly factor: number;
  /** Longest delay, ms. */
  readonly maxMs: number;
  /** Fraction of the delay randomised either way (0.2 = ±20 %), so many gateways don't reconnect in lockstep. */
  readonly jitter: number;
  /** A connection that lived this long (ms) counts as stable: the next failure starts again from `baseMs`. */
  readonly stableMs: number;
}

export const RECONNECT_BASE_MS = 250; // 250 ms: a crashed stdio child is usually back within one retry
export const RECONNECT_FACTOR = 2;
export const RECONNECT_MAX_MS = 30_000; // 30 s: a dead server costs at most one attempt per half minute
export const RECONNECT_JITTER = 0.2; // ±20 %
export const RECONNECT_STABLE_MS = 30_000; // 30 s healthy resets the backoff

export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: RECONNECT_BASE_MS,
  factor: RECONNECT_FACTOR,
  maxMs: RECONNECT_MAX_MS,
  jitter: RECONNECT_JITTER,
  stableMs: RECONNECT_STABLE_MS,
};

/** Delay before attempt number `failures` (1 = first retry); `random` is injectable for exact tests. */
export function backoffDelay(policy: BackoffPolicy, failures: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, failures - 1);
  const raw = Math.min(policy.maxMs, policy.baseMs * policy.factor ** exponent);
  const spread = raw * policy.jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(Math.min(policy.maxMs, raw + spread)));
}
